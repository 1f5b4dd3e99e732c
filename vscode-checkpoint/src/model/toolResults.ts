/**
 * What the language-model tools answer: a short summary a model (and the person reading the chat)
 * understands at a glance, and the result itself as JSON, the same shapes as protocol.ts, so an
 * agent can act on ids and paths without parsing prose. Long lists are cut (a checkpoint of the
 * whole workspace has thousands of files; a model's context has no room for them) and the cut
 * says how many were left out. The confirmation texts for restore, delete and prune are here too:
 * they show what the call would change before the user allows it.
 */
import type {
  CheckpointDetail,
  CheckpointSummary,
  DeleteResult,
  DiffResult,
  ListResult,
  NoteResult,
  PruneResult,
  ResumeResult,
  SaveResult,
  VerifyResult,
} from '../client/protocol';
import { formatSize } from './age';
import { resumeCounts } from './resumeSummary';

/** How many entries of one list a tool result carries. */
export const listLimit = 200;

/** A tool's answer: the summary first, then the JSON. */
export interface ToolAnswer {
  summary: string;
  json: unknown;
}

function cut<T>(items: readonly T[], limit = listLimit): T[] {
  return items.slice(0, limit);
}

function more(count: number, limit = listLimit): string {
  return count > limit ? ` (first ${limit} of ${count})` : '';
}

function bullets(paths: readonly string[], limit: number): string[] {
  const shown = paths.slice(0, limit).map((p) => `- \`${p}\``);
  return paths.length > limit ? [...shown, `- … and ${paths.length - limit} more`] : shown;
}

function describeCheckpoint(checkpoint: CheckpointSummary): string {
  const notes = checkpoint.notes ? ` — ${checkpoint.notes}` : '';
  return `${checkpoint.id} (stage ${checkpoint.stage}, ${checkpoint.totalFiles} files, ${formatSize(checkpoint.totalSize)}, saved ${checkpoint.created})${notes}`;
}

export function saveAnswer(result: SaveResult): ToolAnswer {
  const checkpoint = result.checkpoint;
  return {
    summary: `Saved ${checkpoint.id}: ${checkpoint.totalFiles} files (${formatSize(checkpoint.totalSize)}); ${result.newObjects} new contents stored (${formatSize(result.bytesWritten)} written), ${result.reusedObjects} unchanged ones reused.${skippedNote(result)}`,
    json: result,
  };
}

/** What a save left out, in one sentence ("" when nothing): the first few paths with their reasons, then the count of the rest. */
export function skippedNote(result: SaveResult, shown = 3): string {
  const skipped = result.skipped ?? [];
  if (skipped.length === 0) {
    return '';
  }
  const named = skipped.slice(0, shown).map((entry) => `${entry.path} (${entry.reason})`).join('; ');
  const rest = skipped.length > shown ? `; and ${skipped.length - shown} more` : '';
  return ` Not saved: ${named}${rest}.`;
}

export function listAnswer(result: ListResult, name?: string): ToolAnswer {
  const all = result.checkpoints;
  const unreadable = result.unreadable ?? [];
  const damaged = unreadable.length === 0 ? ''
    : ` ${unreadable.length} damaged checkpoint(s) not listed (their checkpoint.json cannot be read): ${unreadable.slice(0, 20).join(', ')}; checkpoint_verify says what is wrong.`;
  if (all.length === 0) {
    return {
      summary: (unreadable.length > 0 ? 'No readable checkpoints.' : name ? `No checkpoint named ${name}. checkpoint_list without a name lists every checkpoint.` : 'The store has no checkpoints yet. checkpoint_save creates one.') + damaged,
      json: result,
    };
  }
  const lines = cut(all, 50).map((checkpoint) => `- ${describeCheckpoint(checkpoint)}`);
  const rest = all.length > 50 ? [`- … and ${all.length - 50} more (in the JSON${more(all.length)})`] : [];
  return {
    summary: [`${all.length} checkpoint(s), newest first within a name:`, ...lines, ...rest].join('\n') + damaged,
    json: { checkpoints: cut(all), ...(all.length > listLimit ? { total: all.length } : {}), ...(unreadable.length > 0 ? { unreadable } : {}) },
  };
}

export function showAnswer(detail: CheckpointDetail): ToolAnswer {
  const files = detail.files;
  return {
    summary: `${describeCheckpoint(detail)}. Files${more(files.length)}: ${cut(files, 20).map((file) => file.path).join(', ')}${files.length > 20 ? ', …' : ''}.`,
    json: { ...detail, files: cut(files), ...(files.length > listLimit ? { filesShown: listLimit } : {}) },
  };
}

export function diffAnswer(result: DiffResult): ToolAnswer {
  const counts = `${result.added.length} added, ${result.removed.length} removed, ${result.changed.length} changed, ${result.unchanged} unchanged`;
  const lines = [
    ...(result.changed.length > 0 ? ['Changed since the checkpoint:', ...bullets(result.changed, 20)] : []),
    ...(result.added.length > 0 ? ['Only in the working tree (new since):', ...bullets(result.added, 20)] : []),
    ...(result.removed.length > 0 ? ['Only in the checkpoint (deleted since):', ...bullets(result.removed, 20)] : []),
  ];
  const same = result.added.length + result.removed.length + result.changed.length === 0;
  return {
    summary: [`${result.id} against the working tree: ${counts}.${same ? ' The working tree matches the checkpoint.' : ''}`, ...lines].join('\n'),
    json: { ...result, added: cut(result.added), removed: cut(result.removed), changed: cut(result.changed) },
  };
}

/** The confirmation body before a restore: the dry run's lists. */
export function restorePreviewMarkdown(preview: ResumeResult, intoRoot: boolean): string {
  const section = (title: string, paths: readonly string[]) => (paths.length === 0 ? [] : [`**${title} (${paths.length})**`, '', ...bullets(paths, 15), '']);
  return [
    `Restore **${preview.id}** into \`${preview.target}\`: ${resumeCounts(preview)}.`,
    '',
    ...section('Overwritten', preview.overwritten),
    ...section('Deleted', preview.deleted),
    ...section('Added', preview.created),
    intoRoot
      ? 'Every file that is overwritten or deleted is first saved in a safety checkpoint, so this restore can be undone.'
      : 'The target is not the workspace: nothing in the workspace changes.',
  ].join('\n');
}

export function restoreAnswer(result: ResumeResult): ToolAnswer {
  const undo = result.safetyCheckpoint
    ? ` The files it replaced were saved first as ${result.safetyCheckpoint}: to undo, call checkpoint_restore with {"id": "${result.safetyCheckpoint}"}.`
    : '';
  const failed = result.failed.length > 0 ? ` ${result.failed.length} file(s) failed: ${result.failed.slice(0, 5).map((file) => `${file.path} (${file.reason})`).join(', ')}.` : '';
  const verified = result.verified ? ' Every written file was verified against its hash.' : '';
  return {
    summary: `Restored ${result.id} into ${result.target}: ${resumeCounts(result)}.${verified}${failed}${undo}`,
    json: { ...result, unchanged: cut(result.unchanged), created: cut(result.created), overwritten: cut(result.overwritten), deleted: cut(result.deleted) },
  };
}

/** The confirmation body before a delete: what the checkpoint holds and how it differs from the working tree now. */
export function deletePreviewMarkdown(detail: CheckpointDetail, diff: DiffResult): string {
  const lost = diff.changed.length + diff.removed.length;
  return [
    `Delete **${describeCheckpoint(detail)}**?`,
    '',
    `Against the working tree: ${diff.changed.length} file(s) changed since it was saved, ${diff.removed.length} deleted since, ${diff.added.length} new.`,
    ...(lost > 0 ? ['', `These versions exist only in checkpoints (this one, unless another holds them too):`, '', ...bullets([...diff.changed, ...diff.removed], 15)] : []),
    '',
    'The manifest is removed now; contents no other checkpoint uses go with the next prune. This cannot be undone.',
  ].join('\n');
}

export function deleteAnswer(result: DeleteResult): ToolAnswer {
  return { summary: `Deleted ${result.id}. Its contents that no other checkpoint uses are removed by the next checkpoint_prune.`, json: result };
}

export function verifyAnswer(result: VerifyResult): ToolAnswer {
  const files = result.checkpoints.reduce((sum, checkpoint) => sum + checkpoint.files, 0);
  const damaged = result.checkpoints.filter((checkpoint) => !checkpoint.ok);
  const summary = result.ok
    ? `Verified ${result.checkpoints.length} checkpoint(s), ${files} file(s): every stored content matches its hash.`
    : [
      `${damaged.length} of ${result.checkpoints.length} checkpoint(s) are damaged:`,
      ...cut(damaged, 20).map((checkpoint) => `- ${checkpoint.id}: ${checkpoint.damaged.slice(0, 5).map((file) => `${file.path} (${file.problem})`).join(', ')}${checkpoint.damaged.length > 5 ? ', …' : ''}`),
    ].join('\n');
  return { summary, json: { ...result, checkpoints: cut(result.checkpoints) } };
}

/** The confirmation body before a prune: the dry run's list of what goes. */
export function prunePreviewMarkdown(preview: PruneResult): string {
  return [
    `Prune **${preview.deleted.length}** checkpoint(s); ${preview.kept.length} are kept:`,
    '',
    ...bullets(preview.deleted, 25),
    '',
    'Stages `final` and `validated` are never pruned. This cannot be undone.',
  ].join('\n');
}

export function pruneAnswer(result: PruneResult): ToolAnswer {
  const what = result.dryRun ? 'Would prune' : 'Pruned';
  const freed = result.dryRun ? '' : `, freed ${formatSize(result.bytesFreed)} (${result.objectsRemoved} stored contents)`;
  const listed = result.deleted.length > 0 ? `: ${cut(result.deleted, 20).join(', ')}${result.deleted.length > 20 ? ', …' : ''}` : '';
  return {
    summary: `${what} ${result.deleted.length} checkpoint(s)${listed}; ${result.kept.length} kept${freed}.${result.dryRun ? ' Nothing was deleted (dry run).' : ''}`,
    json: { ...result, deleted: cut(result.deleted), kept: cut(result.kept) },
  };
}

export function noteAnswer(result: NoteResult): ToolAnswer {
  const linked = result.snapshot
    ? ` Snapshot ${result.snapshot.checkpoint.id} (${result.snapshot.checkpoint.totalFiles} files) is linked from it: checkpoint_restore with {"id": "${result.snapshot.checkpoint.id}"} brings those files back.${skippedNote(result.snapshot)}`
    : '';
  return {
    summary: `Wrote the entry to ${result.path} at line ${result.line + 1}.${linked}\n\n${result.text.trimEnd()}`,
    json: result,
  };
}
