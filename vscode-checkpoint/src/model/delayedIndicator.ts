/**
 * Runs a task and shows its progress indicator only when the task outlasts a delay. A 20 ms save
 * or verify should not flash a progress notification: VS Code counts every notification against
 * its toast spam protection (more than 3 toasts within 800 ms and the rest stay in the
 * notification center only), so a flashing "Verifying…" can swallow the result message that
 * follows it. Pure logic (no VS Code), so it is unit-tested.
 */

/** What the indicator gets: the task's promise, to show progress until it settles. */
export type ShowIndicator<T> = (running: Promise<T>) => void;

export const defaultIndicatorDelayMs = 500;

export function withDelayedIndicator<T>(task: Promise<T>, show: ShowIndicator<T>, delayMs = defaultIndicatorDelayMs): Promise<T> {
  let settled = false;
  const timer = setTimeout(() => {
    if (!settled) {
      show(task);
    }
  }, delayMs);
  const finish = () => {
    settled = true;
    clearTimeout(timer);
  };
  task.then(finish, finish);
  return task;
}
