/**
 * The view `checkpoint.snapshots`: checkpoint names → their checkpoints (newest first, stage and
 * age as description, notes and metrics in the tooltip) → the files of a checkpoint. The
 * contextValue of each level keys the context menus (package.json `viewItem`).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointFile, CheckpointRef, CheckpointSummary, RemoteCheckpoint } from '../client/protocol';
import { currentFolder } from '../client/settings';
import { formatSize, formatWireAge } from '../model/age';
import { fileCount, sortNewestFirst } from '../model/checkpointPicks';
import { showError } from './commandRunner';

export class CheckpointNameNode {
  readonly kind = 'name';
  constructor(readonly name: string, readonly checkpoints: CheckpointSummary[], readonly remoteOnly: RemoteCheckpoint[] = []) {}
}

/** A checkpoint only the remote has: a cloud icon; opening it pulls it. */
export class RemoteCheckpointNode {
  readonly kind = 'remote';
  constructor(readonly remote: string, readonly checkpoint: RemoteCheckpoint) {}
}

export class CheckpointNode {
  readonly kind = 'checkpoint';
  constructor(readonly checkpoint: CheckpointSummary) {}
  get ref(): CheckpointRef & { timestamp: string } {
    return { name: this.checkpoint.name, timestamp: this.checkpoint.timestamp };
  }
}

export class CheckpointFileNode {
  readonly kind = 'file';
  constructor(readonly checkpoint: CheckpointSummary, readonly file: CheckpointFile) {}
  get ref(): CheckpointRef & { timestamp: string } {
    return { name: this.checkpoint.name, timestamp: this.checkpoint.timestamp };
  }
}

export type SnapshotNode = CheckpointNameNode | CheckpointNode | CheckpointFileNode | RemoteCheckpointNode;

/** How long the remote's listing (one git ls-remote) is reused between refreshes. */
const remoteListingLifetimeMs = 30_000;

/** "2025-01-04 14:30" (plus the collision suffix, if any): short enough to leave room for the stage. */
function checkpointLabel(checkpoint: CheckpointSummary): string {
  const suffix = /^\d{8}_\d{6}_(\d+)$/.exec(checkpoint.timestamp)?.[1];
  return checkpoint.created.replace('T', ' ').slice(0, 16) + (suffix ? ` (${suffix})` : '');
}

function checkpointTooltip(checkpoint: CheckpointSummary): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${checkpoint.id}** — saved ${checkpoint.created.replace('T', ' ')}\n\n`);
  tooltip.appendMarkdown(`Stage: ${checkpoint.stage}\n\n`);
  if (checkpoint.notes) {
    tooltip.appendText(checkpoint.notes);
    tooltip.appendMarkdown('\n\n');
  }
  tooltip.appendMarkdown(
    `$(file) ${fileCount(checkpoint.totalFiles)} · ${checkpoint.totalWords.toLocaleString('en-US')} words · ${formatSize(checkpoint.totalSize)}`,
  );
  if (checkpoint.scope.length > 0 && !(checkpoint.scope.length === 1 && checkpoint.scope[0] === '')) {
    tooltip.appendMarkdown(`\n\nScope: ${checkpoint.scope.map((s) => `\`${s}\``).join(', ')}`);
  }
  if (checkpoint.layout === 'seed') {
    tooltip.appendMarkdown('\n\n_Written by the seed tool (files/ copies)._');
  }
  return tooltip;
}

export class SnapshotsTree implements vscode.TreeDataProvider<SnapshotNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<SnapshotNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private lastErrorShown: string | undefined;
  private remoteName = '';
  private remoteListing: { at: number; remote: string; checkpoints: RemoteCheckpoint[] } | undefined;

  constructor(private readonly service: CheckpointClient) {}

  /** Re-reads the store; with <code>remotes</code>, asks the remote again too (after a push or pull, or the Refresh button). */
  refresh(remotes = false): void {
    if (remotes) {
      this.remoteListing = undefined;
    }
    this.changeEmitter.fire(undefined);
  }

  /** The default remote's checkpoints, cached; none when the store has no remote or it cannot be reached (the tree stays local). */
  private async remoteCheckpoints(): Promise<{ remote: string; checkpoints: RemoteCheckpoint[] }> {
    if (this.remoteListing && Date.now() - this.remoteListing.at < remoteListingLifetimeMs) {
      return this.remoteListing;
    }
    try {
      const { remotes } = await this.service.remotes();
      if (remotes.length === 0) {
        this.remoteListing = { at: Date.now(), remote: '', checkpoints: [] };
      } else {
        const listing = await this.service.remoteCheckpoints({});
        this.remoteListing = { at: Date.now(), remote: listing.remote, checkpoints: listing.checkpoints };
      }
    } catch {
      // Offline or the remote refused: show what is local; Push/Pull report the reason when asked.
      this.remoteListing = { at: Date.now(), remote: '', checkpoints: [] };
    }
    return this.remoteListing;
  }

  getTreeItem(node: SnapshotNode): vscode.TreeItem {
    const now = new Date();
    if (node instanceof CheckpointNameNode) {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `name:${node.name}`;
      const latest = node.checkpoints[0];
      const local = node.checkpoints.length === 1 ? '1 checkpoint' : `${node.checkpoints.length} checkpoints`;
      const count = node.remoteOnly.length > 0 ? `${local} (+${node.remoteOnly.length} on remote)` : local;
      item.description = latest ? `${count} · ${formatWireAge(latest.created, now)}` : count;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'checkpointName';
      item.tooltip = `${node.name}: ${count}`;
      return item;
    }
    if (node instanceof RemoteCheckpointNode) {
      const created = node.checkpoint.timestamp.replace(/^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2}).*$/, '$1-$2-$3 $4:$5');
      const item = new vscode.TreeItem(created, vscode.TreeItemCollapsibleState.None);
      item.id = `remote:${node.checkpoint.id}`;
      item.description = `on ${node.remote} · not pulled`;
      item.tooltip = `${node.checkpoint.id} is on remote '${node.remote}' (${node.checkpoint.ref}) but not in this store. Click to pull it.`;
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.contextValue = 'remoteCheckpoint';
      item.command = { command: 'checkpoint.pull', title: 'Pull Checkpoint', arguments: [node] };
      return item;
    }
    if (node instanceof CheckpointNode) {
      const item = new vscode.TreeItem(checkpointLabel(node.checkpoint), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `checkpoint:${node.checkpoint.id}`;
      item.description = `${node.checkpoint.stage} · ${formatWireAge(node.checkpoint.created, now)}`;
      item.tooltip = checkpointTooltip(node.checkpoint);
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'checkpoint';
      return item;
    }
    const item = new vscode.TreeItem(node.file.path, vscode.TreeItemCollapsibleState.None);
    item.id = `file:${node.checkpoint.id}:${node.file.path}`;
    item.description = formatSize(node.file.size);
    const folder = currentFolder();
    if (folder) {
      item.resourceUri = vscode.Uri.file(path.join(folder.uri.fsPath, ...node.file.path.split('/')));
    }
    item.tooltip = `${node.file.path}\n${formatSize(node.file.size)} · ${node.file.wordCount} words · modified ${node.file.modified}\n${node.file.hash}`;
    item.contextValue = 'checkpointFile';
    item.command = { command: 'checkpoint.compare', title: 'Compare with Working Copy', arguments: [node] };
    return item;
  }

  async getChildren(node?: SnapshotNode): Promise<SnapshotNode[]> {
    if (!currentFolder()) {
      return [];
    }
    try {
      if (!node) {
        const [{ checkpoints }, remote] = await Promise.all([this.service.checkpoints(), this.remoteCheckpoints()]);
        const byName = new Map<string, CheckpointSummary[]>();
        for (const checkpoint of sortNewestFirst(checkpoints)) {
          byName.set(checkpoint.name, [...(byName.get(checkpoint.name) ?? []), checkpoint]);
        }
        const remoteOnly = new Map<string, RemoteCheckpoint[]>();
        for (const checkpoint of remote.checkpoints.filter((c) => !c.local && !checkpoints.some((local) => local.id === c.id))) {
          remoteOnly.set(checkpoint.name, [...(remoteOnly.get(checkpoint.name) ?? []), checkpoint]);
          if (!byName.has(checkpoint.name)) {
            byName.set(checkpoint.name, []);
          }
        }
        this.lastErrorShown = undefined;
        this.remoteName = remote.remote;
        return [...byName].map(([name, list]) => new CheckpointNameNode(name, list, remoteOnly.get(name) ?? []));
      }
      if (node instanceof CheckpointNameNode) {
        return [
          ...node.checkpoints.map((checkpoint) => new CheckpointNode(checkpoint)),
          ...[...node.remoteOnly].sort((a, b) => b.timestamp.localeCompare(a.timestamp)).map((checkpoint) => new RemoteCheckpointNode(this.remoteName, checkpoint)),
        ];
      }
      if (node instanceof CheckpointNode) {
        const detail = await this.service.show(node.ref);
        return [...detail.files].sort((a, b) => a.path.localeCompare(b.path)).map((file) => new CheckpointFileNode(node.checkpoint, file));
      }
      return [];
    } catch (error) {
      // A tree is re-read often; one notification per distinct failure is enough.
      const text = error instanceof Error ? error.message : String(error);
      if (text !== this.lastErrorShown) {
        this.lastErrorShown = text;
        showError(error);
      }
      return [];
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
