/**
 * A checkpoint id is its folder name, `<name>_<YYYYMMDD_HHMMSS>` with an optional collision
 * suffix (`_2`). Names may themselves contain "_", so the timestamp is matched from the end.
 */
import type { CheckpointRef } from '../client/protocol';

/** The ref of an id, or undefined when the id does not end in a timestamp. */
export function refOfId(id: string): (CheckpointRef & { timestamp: string }) | undefined {
  const match = /^(.+)_(\d{8}_\d{6}(?:_\d+)?)$/.exec(id.trim());
  return match ? { name: match[1], timestamp: match[2] } : undefined;
}

