/**
 * Resume (restore) a checkpoint: a dry run first shows what would be added, overwritten and left
 * alone; only a modal confirmation writes. The same modal offers "Preview only" (a report, nothing
 * written) and "Restore to Folder…" (write into another folder, the workspace untouched).
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointRef, ResumeResult } from '../client/protocol';
import { currentFolder, readSettings, requireFolder } from '../client/settings';
import { resumeChangesNothing, resumeDoneMessage, resumePreviewDetail, resumePreviewMarkdown } from '../model/resumeSummary';
import { pickCheckpoint, type ChosenCheckpoint } from './checkpointPicker';
import { withRequestProgress } from './progress';

const resumeChoice = 'Resume';
const previewChoice = 'Preview only';
const folderChoice = 'Restore to Folder…';

function refOf(chosen: ChosenCheckpoint): CheckpointRef {
  return { name: chosen.name, timestamp: chosen.timestamp };
}

function verifyOption(): { noVerify?: boolean } {
  return readSettings(currentFolder()).restoreVerify ? {} : { noVerify: true };
}

async function dryRun(service: CheckpointClient, chosen: ChosenCheckpoint, target?: string): Promise<ResumeResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Comparing ${chosen.id} with the working copy…` },
    () => service.resume({ ...refOf(chosen), dryRun: true, ...(target ? { target } : {}) }),
  );
}

async function showPreview(result: ResumeResult): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: resumePreviewMarkdown(result) });
  await vscode.window.showTextDocument(document, { preview: true });
}

async function write(service: CheckpointClient, chosen: ChosenCheckpoint, target?: string): Promise<void> {
  const result = await withRequestProgress(`Resuming ${chosen.id}…`, (token) =>
    service.resume({ ...refOf(chosen), ...verifyOption(), ...(target ? { target } : {}) }, token),
  );
  service.announceChange({ ids: result.safetyCheckpoint ? [result.safetyCheckpoint] : [] });
  if (result.failed.length > 0) {
    const failed = result.failed.slice(0, 5).map((file) => `${file.path}: ${file.reason}`).join('; ');
    void vscode.window.showErrorMessage(`Resumed ${result.id} with ${result.failed.length} failure(s): ${failed}`);
    return;
  }
  void vscode.window.showInformationMessage(resumeDoneMessage(result));
}

async function askTargetFolder(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Restore Here',
    title: 'Restore the checkpoint into this folder',
  });
  return picked?.[0]?.fsPath;
}

/** The full flow: pick → dry run → modal (Resume / Preview only / Restore to Folder…). */
export async function resumeCheckpoint(service: CheckpointClient, argument?: unknown): Promise<void> {
  requireFolder();
  const chosen = await pickCheckpoint(service, 'Resume which checkpoint? (latest first)', argument);
  if (!chosen) {
    return;
  }
  const preview = await dryRun(service, chosen);
  const question = resumeChangesNothing(preview)
    ? `The working copy already matches ${chosen.id}. Nothing would change.`
    : `Resume ${chosen.id}? Files will be written into the workspace.`;
  const choice = await vscode.window.showWarningMessage(
    question,
    { modal: true, detail: resumePreviewDetail(preview) },
    ...(resumeChangesNothing(preview) ? [] : [resumeChoice]),
    previewChoice,
    folderChoice,
  );
  if (choice === resumeChoice) {
    await write(service, chosen);
  } else if (choice === previewChoice) {
    await showPreview(preview);
  } else if (choice === folderChoice) {
    await restoreIntoFolder(service, chosen);
  }
}

/** "Preview Resume": the dry-run report only. */
export async function previewResume(service: CheckpointClient, argument?: unknown): Promise<void> {
  requireFolder();
  const chosen = await pickCheckpoint(service, 'Preview resuming which checkpoint?', argument);
  if (chosen) {
    await showPreview(await dryRun(service, chosen));
  }
}

async function restoreIntoFolder(service: CheckpointClient, chosen: ChosenCheckpoint): Promise<void> {
  const target = await askTargetFolder();
  if (!target) {
    return;
  }
  const preview = await dryRun(service, chosen, target);
  const choice = await vscode.window.showWarningMessage(
    `Restore ${chosen.id} into ${target}?`,
    { modal: true, detail: resumePreviewDetail(preview) },
    'Restore',
  );
  if (choice === 'Restore') {
    await write(service, chosen, target);
  }
}

/** "Restore to Folder…": pick a checkpoint, then a folder. */
export async function restoreToFolder(service: CheckpointClient, argument?: unknown): Promise<void> {
  const chosen = await pickCheckpoint(service, 'Restore which checkpoint into another folder?', argument);
  if (chosen) {
    await restoreIntoFolder(service, chosen);
  }
}

