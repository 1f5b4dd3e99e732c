/**
 * The store-keeping commands: delete, verify, prune, compare with the working copy, and open a
 * checkpoint's CHECKPOINT_SUMMARY.md. Destructive ones ask for a modal confirmation first.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { VerifyParams } from '../client/protocol';
import { readSettings, requireFolder } from '../client/settings';
import { formatSize } from '../model/age';
import { CheckpointFileNode, CheckpointNameNode, CheckpointNode } from './snapshotsTree';
import { pickCheckpoint } from './checkpointPicker';
import { openCheckpointDiff } from './diffProvider';
import { withRequestProgress } from './progress';

export async function deleteCheckpoint(service: CheckpointClient, argument?: unknown): Promise<void> {
  const chosen = await pickCheckpoint(service, 'Delete which checkpoint?', argument);
  if (!chosen) {
    return;
  }
  const choice = await vscode.window.showWarningMessage(
    `Delete checkpoint ${chosen.id}?`,
    { modal: true, detail: 'Its manifest is removed now; file contents no other checkpoint uses are removed by the next prune. This cannot be undone.' },
    'Delete',
  );
  if (choice !== 'Delete') {
    return;
  }
  const result = await service.delete({ name: chosen.name, timestamp: chosen.timestamp });
  service.announceChange({ ids: [result.id] });
  void vscode.window.showInformationMessage(`Deleted ${result.id}.`);
}

export async function verifyCheckpoints(service: CheckpointClient, argument?: unknown): Promise<void> {
  const params: VerifyParams =
    argument instanceof CheckpointNode ? { name: argument.checkpoint.name, timestamp: argument.checkpoint.timestamp }
      : argument instanceof CheckpointNameNode ? { name: argument.name }
        : {};
  const result = await withRequestProgress('Verifying checkpoints…', (token) => service.verify(params, token));
  const files = result.checkpoints.reduce((sum, checkpoint) => sum + checkpoint.files, 0);
  if (result.ok) {
    void vscode.window.showInformationMessage(`Verified ${result.checkpoints.length} checkpoint(s), ${files} file(s): all intact.`);
    return;
  }
  const damaged = result.checkpoints.filter((checkpoint) => !checkpoint.ok);
  const lines = damaged.flatMap((checkpoint) => checkpoint.damaged.slice(0, 5).map((file) => `${checkpoint.id}: ${file.path} (${file.problem})`));
  void vscode.window.showErrorMessage(
    `${damaged.length} of ${result.checkpoints.length} checkpoint(s) are damaged: ${lines.slice(0, 8).join('; ')}`,
  );
}

export async function pruneCheckpoints(service: CheckpointClient): Promise<void> {
  const folder = requireFolder();
  const settings = readSettings(folder);
  const params = { keepLast: settings.keepLast, ...(settings.maxAgeDays > 0 ? { maxAgeDays: settings.maxAgeDays } : {}) };
  const preview = await service.prune({ ...params, dryRun: true });
  if (preview.deleted.length === 0) {
    void vscode.window.showInformationMessage(
      `Nothing to prune: every checkpoint is within the retention (keep the last ${settings.keepLast} per name${settings.maxAgeDays > 0 ? `, ${settings.maxAgeDays} days` : ''}).`,
    );
    return;
  }
  const choice = await vscode.window.showWarningMessage(
    `Prune ${preview.deleted.length} checkpoint(s)?`,
    { modal: true, detail: `${preview.deleted.slice(0, 15).join('\n')}${preview.deleted.length > 15 ? '\n…' : ''}\n\n${preview.kept.length} checkpoint(s) are kept.` },
    'Prune',
  );
  if (choice !== 'Prune') {
    return;
  }
  const result = await service.prune(params);
  service.announceChange({ ids: result.deleted });
  void vscode.window.showInformationMessage(`Pruned ${result.deleted.length} checkpoint(s), freed ${formatSize(result.bytesFreed)}.`);
}

type DiffPick = vscode.QuickPickItem & { path: string };

/** Compare a checkpoint (or one of its files) with the working copy in the diff editor. */
export async function compareWithWorkingCopy(service: CheckpointClient, argument?: unknown): Promise<void> {
  requireFolder();
  if (argument instanceof CheckpointFileNode) {
    await openCheckpointDiff(argument.ref, argument.file.path);
    return;
  }
  const chosen = await pickCheckpoint(service, 'Compare which checkpoint with the working copy?', argument);
  if (!chosen) {
    return;
  }
  const ref = { name: chosen.name, timestamp: chosen.timestamp };
  const diff = await service.diff(ref);
  const items: DiffPick[] = [
    ...diff.changed.map((p) => ({ label: p, description: 'changed', iconPath: new vscode.ThemeIcon('diff-modified'), path: p })),
    ...diff.removed.map((p) => ({ label: p, description: 'missing from the working copy', iconPath: new vscode.ThemeIcon('diff-removed'), path: p })),
  ];
  if (items.length === 0) {
    const added = diff.added.length > 0 ? ` (${diff.added.length} file(s) were added since and are not in the checkpoint.)` : '';
    void vscode.window.showInformationMessage(`The working copy matches ${diff.id}: ${diff.unchanged} file(s) unchanged.${added}`);
    return;
  }
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, {
    placeHolder: `${diff.changed.length} changed, ${diff.removed.length} missing, ${diff.added.length} added since ${diff.id} — pick a file to compare`,
    matchOnDescription: true,
  });
  if (picked) {
    await openCheckpointDiff(ref, picked.path);
  }
}

export async function openSummary(service: CheckpointClient, argument?: unknown): Promise<void> {
  requireFolder();
  const chosen = await pickCheckpoint(service, 'Open the summary of which checkpoint?', argument);
  if (!chosen) {
    return;
  }
  // The server says where the summary is (and whether there is one); the client composes no store paths.
  const detail = await service.show({ name: chosen.name, timestamp: chosen.timestamp });
  if (!detail.summaryPath) {
    throw new Error(`${chosen.id} has no CHECKPOINT_SUMMARY.md (checkpoints written by the seed tool may not).`);
  }
  const summary = vscode.Uri.file(detail.summaryPath);
  await vscode.window.showTextDocument(summary, { preview: true });
}
