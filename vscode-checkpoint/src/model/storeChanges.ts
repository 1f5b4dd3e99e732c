/**
 * One refresh per change of the store. A command that writes a checkpoint announces it at once (the
 * views must not wait for the server's watcher), and a moment later the server's `checkpoint/changed`
 * reports the same ids: without this, every view re-read the store twice per change, and each view
 * asked for the listing on its own (a save cost four `checkpoint/list` calls). Free of the vscode API.
 */

/**
 * Decides which change events reach the views. An announcement from this window always does (its ids
 * are remembered for `windowMs`); a server notification does unless every id it carries was announced
 * here within that window, in which case it is the echo of a change the views already show and the ids
 * are forgotten (a later change to the same id, e.g. its deletion, is announced anew). Events without
 * ids say "something changed" and always pass.
 */
export class ChangeEchoFilter {
  private readonly announced = new Map<string, number>();

  constructor(private readonly windowMs = 10_000) {}

  /** An announcement from this window's own command (the caller always passes it on): its ids are remembered. */
  announce(ids: readonly string[] | undefined, now = Date.now()): void {
    this.expire(now);
    for (const id of ids ?? []) {
      this.announced.set(id, now);
    }
  }

  /** A `checkpoint/changed` from the server: false when it only echoes what was announced. */
  notified(ids: readonly string[] | undefined, now = Date.now()): boolean {
    this.expire(now);
    if (!ids || ids.length === 0 || !ids.every((id) => this.announced.has(id))) {
      return true;
    }
    for (const id of ids) {
      this.announced.delete(id);
    }
    return false;
  }

  private expire(now: number): void {
    for (const [id, at] of this.announced) {
      if (now - at > this.windowMs) {
        this.announced.delete(id);
      }
    }
  }
}

/**
 * The store's listing, fetched once per change and shared by every view that shows it (the Snapshots
 * tree, the status bar). A failed fetch is not kept: the next reader asks again.
 */
export class SharedListing<T> {
  private current: Promise<T> | undefined;

  constructor(private readonly fetch: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.current) {
      const fetching = this.fetch();
      this.current = fetching;
      fetching.catch(() => {
        if (this.current === fetching) {
          this.current = undefined;
        }
      });
    }
    return this.current;
  }

  /** The store changed: the next reader fetches a new listing. */
  invalidate(): void {
    this.current = undefined;
  }
}
