/**
 * The items of the quick picks that choose a checkpoint or a checkpoint name. Kept free of the
 * vscode API (plain objects shaped like QuickPickItem) so their order and wording are tested
 * without an editor.
 */
import type { CheckpointSummary } from '../client/protocol';
import { formatWireAge, parseWireTime } from './age';

/** Letters, digits, "-" and "_", at most 50 characters — the seed's rule, enforced by the engine too. */
export const checkpointNamePattern = /^[A-Za-z0-9_-]{1,50}$/;

/** Why a name is not allowed, or undefined when it is fine. */
export function validateCheckpointName(name: string): string | undefined {
  if (name.length === 0) {
    return 'Type a name for the checkpoint.';
  }
  if (name.length > 50) {
    return `A name has at most 50 characters (this one has ${name.length}).`;
  }
  if (!checkpointNamePattern.test(name)) {
    return 'A name may contain only letters, digits, "-" and "_".';
  }
  return undefined;
}

export interface CheckpointPickItem {
  label: string;
  description: string;
  detail?: string;
  checkpoint: CheckpointSummary;
}

/** Newest first across all names (the wire order is newest first within a name only). */
export function sortNewestFirst(checkpoints: readonly CheckpointSummary[]): CheckpointSummary[] {
  const time = (c: CheckpointSummary) => parseWireTime(c.created)?.getTime() ?? 0;
  return [...checkpoints].sort((a, b) => time(b) - time(a) || b.timestamp.localeCompare(a.timestamp));
}

/** One item per checkpoint, latest first: "name · stage · age · N files", notes as detail. */
export function checkpointPickItems(checkpoints: readonly CheckpointSummary[], now: Date): CheckpointPickItem[] {
  return sortNewestFirst(checkpoints).map((checkpoint) => ({
    label: checkpoint.name,
    description: [checkpoint.stage, formatWireAge(checkpoint.created, now), fileCount(checkpoint.totalFiles), checkpoint.timestamp]
      .filter((part) => part.length > 0)
      .join(' · '),
    ...(checkpoint.notes ? { detail: checkpoint.notes } : {}),
    checkpoint,
  }));
}

export function fileCount(count: number): string {
  return count === 1 ? '1 file' : `${count} files`;
}

export interface NamePickItem {
  label: string;
  description?: string;
  /** True for the item that stands for the text the user typed. */
  isNew: boolean;
}

/**
 * Existing names (most recently used first, with their checkpoint count) plus, when the typed
 * value is not one of them, a first item that creates a new name from it.
 */
export function namePickItems(checkpoints: readonly CheckpointSummary[], typed: string): NamePickItem[] {
  const counts = new Map<string, number>();
  for (const checkpoint of sortNewestFirst(checkpoints)) {
    counts.set(checkpoint.name, (counts.get(checkpoint.name) ?? 0) + 1);
  }
  const existing: NamePickItem[] = [...counts].map(([name, count]) => ({
    label: name,
    description: count === 1 ? '1 checkpoint' : `${count} checkpoints`,
    isNew: false,
  }));
  const value = typed.trim();
  if (value.length === 0 || counts.has(value)) {
    return existing;
  }
  const problem = validateCheckpointName(value);
  return [{ label: value, description: problem ?? 'new name', isNew: true }, ...existing];
}
