/**
 * The `checkpoint:` URI scheme addresses one file of one checkpoint, e.g.
 * `checkpoint:/src/app.ts?name=module-05&timestamp=20250104_143022`. The path keeps the file's
 * own name and extension so VS Code picks the right language for the diff editor; the query
 * selects the checkpoint. Only the parts (path, query) are handled here, without the vscode API.
 */
import type { CheckpointRef } from '../client/protocol';

export const checkpointScheme = 'checkpoint';

export interface CheckpointFileAddress {
  ref: CheckpointRef;
  /** Relative to the workspace root, "/"-separated. */
  path: string;
}

export function toUriParts(address: CheckpointFileAddress): { path: string; query: string } {
  const query = new URLSearchParams({ name: address.ref.name });
  if (address.ref.timestamp) {
    query.set('timestamp', address.ref.timestamp);
  } else {
    query.set('latest', 'true');
  }
  return { path: '/' + address.path.replace(/^\/+/, ''), query: query.toString() };
}

/** The inverse of toUriParts; a clear error for a URI that does not name a checkpoint. */
export function fromUriParts(uriPath: string, query: string): CheckpointFileAddress {
  const params = new URLSearchParams(query);
  const name = params.get('name');
  const timestamp = params.get('timestamp');
  const relative = uriPath.replace(/^\/+/, '');
  if (!name || relative.length === 0) {
    throw new Error(`Not a checkpoint file address: checkpoint:${uriPath}?${query} (expected a path and ?name=…&timestamp=…).`);
  }
  const ref: CheckpointRef = timestamp ? { name, timestamp } : { name, latest: true };
  return { ref, path: relative };
}

/** "app.ts (module-05 20250104_143022) ↔ working copy" — the diff editor's title. */
export function diffTitle(address: CheckpointFileAddress): string {
  const file = address.path.split('/').pop() ?? address.path;
  const which = address.ref.timestamp ? `${address.ref.name} ${address.ref.timestamp}` : `${address.ref.name} latest`;
  return `${file} (${which}) ↔ working copy`;
}
