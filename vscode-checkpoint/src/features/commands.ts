/**
 * Registers every palette and menu command (category "Checkpoint"). Each flow lives in its own
 * file; this one only maps command ids to flows.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import { registerCommand } from './commandRunner';
import { insertTemplate, openNoteAt, openTodayNote, recoverFromLatest, templates } from './noteCommands';
import type { NotesTree } from './notesTree';
import { previewResume, restoreToFolder, resumeCheckpoint } from './resumeFlow';
import { saveCheckpoint } from './saveFlow';
import type { SnapshotsTree } from './snapshotsTree';
import { pullCheckpoints, pushCheckpoints } from './remoteCommands';
import { compareWithWorkingCopy, deleteCheckpoint, openSummary, pruneCheckpoints, verifyCheckpoints } from './storeCommands';

export function registerCommands(
  context: vscode.ExtensionContext,
  service: CheckpointClient,
  trees: { snapshots: SnapshotsTree; notes: NotesTree },
  output: vscode.OutputChannel,
): void {
  const save = (clicked?: unknown, selected?: unknown) =>
    saveCheckpoint(
      service,
      clicked instanceof vscode.Uri ? clicked : undefined,
      Array.isArray(selected) ? selected.filter((uri): uri is vscode.Uri => uri instanceof vscode.Uri) : undefined,
    );
  registerCommand(context, 'checkpoint.save', save);
  registerCommand(context, 'checkpoint.saveSelection', save);
  registerCommand(context, 'checkpoint.resume', (node?: unknown) => resumeCheckpoint(service, node));
  registerCommand(context, 'checkpoint.preview', (node?: unknown) => previewResume(service, node));
  registerCommand(context, 'checkpoint.restoreToFolder', (node?: unknown) => restoreToFolder(service, node));
  registerCommand(context, 'checkpoint.delete', (node?: unknown) => deleteCheckpoint(service, node));
  registerCommand(context, 'checkpoint.verify', (node?: unknown) => verifyCheckpoints(service, node));
  registerCommand(context, 'checkpoint.prune', () => pruneCheckpoints(service));
  registerCommand(context, 'checkpoint.compare', (node?: unknown) => compareWithWorkingCopy(service, node));
  registerCommand(context, 'checkpoint.openSummary', (node?: unknown) => openSummary(service, node));
  registerCommand(context, 'checkpoint.push', (node?: unknown) => pushCheckpoints(service, trees.snapshots, node));
  registerCommand(context, 'checkpoint.pull', (node?: unknown) => pullCheckpoints(service, trees.snapshots, node));
  registerCommand(context, 'checkpoint.openTodayNote', () => openTodayNote());
  registerCommand(context, 'checkpoint.recoverLatest', () => recoverFromLatest(service));
  for (const commandId of Object.keys(templates)) {
    registerCommand(context, commandId, () => insertTemplate(service, commandId));
  }
  registerCommand(context, 'checkpoint.openNoteEntry', (uri: vscode.Uri, line: number) => openNoteAt(uri, line));
  registerCommand(context, 'checkpoint.refresh', () => {
    trees.snapshots.refresh(true);
    trees.notes.refresh();
  });
  registerCommand(context, 'checkpoint.showOutput', () => output.show(true));
}
