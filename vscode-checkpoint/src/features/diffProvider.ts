/**
 * Serves `checkpoint:` URIs (one file of one checkpoint) from `checkpoint/fileContent`, so any
 * file of any checkpoint opens in VS Code's diff editor against the working copy.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointRef } from '../client/protocol';
import { requireFolder } from '../client/settings';
import { checkpointScheme, diffTitle, fromUriParts, toUriParts } from '../model/checkpointUri';

export function checkpointFileUri(ref: CheckpointRef, relativePath: string): vscode.Uri {
  const parts = toUriParts({ ref, path: relativePath });
  return vscode.Uri.from({ scheme: checkpointScheme, path: parts.path, query: parts.query });
}

export class CheckpointContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: CheckpointClient) {
    // A "latest" address may point at a newer checkpoint after a save; timestamped ones never change.
    this.subscription = service.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === checkpointScheme && new URLSearchParams(document.uri.query).get('latest') === 'true') {
          this.changeEmitter.fire(document.uri);
        }
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const address = fromUriParts(uri.path, uri.query);
    const content = await this.service.fileContent({ ...address.ref, path: address.path }, token);
    if (content.text !== null) {
      return content.text;
    }
    return `(${address.path} is a binary file of ${content.size} bytes; it cannot be shown as text.)`;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.subscription.dispose();
  }
}

/**
 * Opens the diff editor: the checkpoint's version on the left, the working copy on the right.
 * A file the working tree no longer has opens alone, read-only.
 */
export async function openCheckpointDiff(ref: CheckpointRef, relativePath: string): Promise<void> {
  const folder = requireFolder();
  const left = checkpointFileUri(ref, relativePath);
  const right = vscode.Uri.file(path.join(folder.uri.fsPath, ...relativePath.split('/')));
  try {
    await vscode.workspace.fs.stat(right);
  } catch {
    await vscode.window.showTextDocument(left, { preview: true });
    void vscode.window.showInformationMessage(`${relativePath} no longer exists in the working copy; showing the checkpoint's version.`);
    return;
  }
  await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle({ ref, path: relativePath }), { preview: true });
}
