/**
 * "Save Checkpoint": name (a quick pick of existing names that also accepts a new one) → stage →
 * notes → save under a cancellable progress notification. The scope is the workspace folder, or
 * the files and folders selected in the Explorer when invoked from its context menu.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointSummary, SaveParams } from '../client/protocol';
import { requireFolder } from '../client/settings';
import { fileCount, namePickItems, sortNewestFirst, validateCheckpointName, type NamePickItem } from '../model/checkpointPicks';
import { skippedNote } from '../model/toolResults';
import { withRequestProgress } from './progress';

type NameItem = vscode.QuickPickItem & NamePickItem;

/** Asks for a name; resolves undefined when the user escapes. */
function askName(checkpoints: CheckpointSummary[], scopeLabel: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<NameItem>();
    pick.title = `Save Checkpoint (1/3): name — ${scopeLabel}`;
    pick.placeholder = 'Pick an existing name or type a new one (letters, digits, "-", "_")';
    pick.items = namePickItems(checkpoints, '');
    pick.onDidChangeValue((value) => {
      pick.items = namePickItems(checkpoints, value);
    });
    let settled = false;
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? pick.value.trim();
      const problem = validateCheckpointName(chosen);
      if (problem) {
        pick.title = `Save Checkpoint (1/3): ${problem}`;
        return;
      }
      settled = true;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!settled) {
        resolve(undefined);
      }
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * Relative, "/"-separated save arguments for an Explorer selection (a folder saves everything
 * under it); undefined = the whole folder.
 */
function scopeOfSelection(folder: vscode.WorkspaceFolder, uris: vscode.Uri[]): Pick<SaveParams, 'files'> | undefined {
  const files: string[] = [];
  for (const uri of uris) {
    const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    if (relative === '') {
      return undefined;
    }
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`${uri.fsPath} is outside the workspace folder ${folder.uri.fsPath}; a checkpoint saves files of the workspace only.`);
    }
    files.push(relative);
  }
  return files.length > 0 ? { files } : undefined;
}

export async function saveCheckpoint(service: CheckpointClient, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  const folder = requireFolder();
  const selection = selected && selected.length > 0 ? selected : clicked instanceof vscode.Uri ? [clicked] : [];
  const scope = scopeOfSelection(folder, selection);
  const scopeLabel = scope?.files ? fileCount(scope.files.length).replace('file', 'selected item') : folder.name;

  const { checkpoints } = await service.list({});
  const name = await askName(checkpoints, scopeLabel);
  if (!name) {
    return;
  }
  const previousStage = sortNewestFirst(checkpoints).find((checkpoint) => checkpoint.name === name)?.stage;
  const stage = await vscode.window.showInputBox({
    title: `Save Checkpoint (2/3): stage of "${name}"`,
    prompt: 'Where the work stands, e.g. draft, case-studies, review',
    value: previousStage ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? 'Type a stage (any short text).' : undefined),
  });
  if (stage === undefined) {
    return;
  }
  const notes = await vscode.window.showInputBox({
    title: `Save Checkpoint (3/3): notes for "${name}"`,
    prompt: 'What this checkpoint captures (optional)',
    ignoreFocusOut: true,
  });
  if (notes === undefined) {
    return;
  }

  const params: SaveParams = { name, stage: stage.trim(), ...(notes.trim() ? { notes: notes.trim() } : {}), ...(scope ?? {}) };
  const result = await withRequestProgress(`Saving checkpoint "${name}"…`, (token) => service.save(params, token));
  service.announceChange({ ids: [result.checkpoint.id] });
  const message = `Saved ${result.checkpoint.id}: ${fileCount(result.checkpoint.totalFiles)} (${result.newObjects} new, ${result.reusedObjects} reused) in ${result.elapsedMs} ms.`;
  const skipped = skippedNote(result);
  // Something in scope was left out: say so as a warning, never as a quiet success.
  void (skipped ? vscode.window.showWarningMessage(message + skipped) : vscode.window.showInformationMessage(message));
}
