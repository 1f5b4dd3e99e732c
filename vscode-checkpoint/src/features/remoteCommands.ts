/**
 * Push and Pull: checkpoints travel through any git remote of the store (`checkpoint remote add`), as
 * commits under refs/checkpoints/… — never a branch, never the user's repository. From a checkpoint's
 * context menu only that checkpoint travels (a name: all of it); a remote-only checkpoint in the tree
 * pulls on click. Long transfers show a cancellable progress notification.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { TransferParams, TransferResult } from '../client/protocol';
import { requireFolder } from '../client/settings';
import { CheckpointNameNode, CheckpointNode, RemoteCheckpointNode, type SnapshotsTree } from './snapshotsTree';
import { withRequestProgress } from './progress';

/** The remote to use: the only one, or the one picked; undefined when the person cancels. */
async function pickRemote(service: CheckpointClient, verb: string): Promise<string | undefined | null> {
  const { remotes } = await service.remotes();
  if (remotes.length === 0) {
    throw new Error('This store has no remotes yet. In a terminal: checkpoint remote add origin <git URL> (any URL git itself can push to).');
  }
  if (remotes.length === 1) {
    return remotes[0].name;
  }
  const picked = await vscode.window.showQuickPick(
    remotes.map((remote) => ({ label: remote.name, description: remote.url })),
    { placeHolder: `${verb} to which remote?` },
  );
  return picked ? picked.label : null;
}

function selection(argument: unknown): Omit<TransferParams, 'remote'> {
  if (argument instanceof CheckpointNode) {
    return { id: argument.checkpoint.id };
  }
  if (argument instanceof RemoteCheckpointNode) {
    return { id: argument.checkpoint.id };
  }
  if (argument instanceof CheckpointNameNode) {
    return { name: argument.name };
  }
  return {};
}

function report(verb: 'Pushed' | 'Pulled', result: TransferResult): void {
  const moved = result.checkpoints.filter((c) => c.outcome === 'pushed' || c.outcome === 'pulled').length;
  const already = result.checkpoints.filter((c) => c.outcome === 'up-to-date' || c.outcome === 'present').length;
  const refused = result.checkpoints.filter((c) => !['pushed', 'pulled', 'up-to-date', 'present'].includes(c.outcome));
  const summary = `${verb} ${moved} checkpoint(s) ${verb === 'Pushed' ? 'to' : 'from'} ${result.remote}; ${already} already there.`;
  if (refused.length === 0) {
    void vscode.window.showInformationMessage(summary);
    return;
  }
  void vscode.window.showErrorMessage(`${summary} ${refused.length} refused: ${refused.slice(0, 3).map((c) => c.message ?? `${c.id} (${c.outcome})`).join(' ')}`);
}

export async function pushCheckpoints(service: CheckpointClient, tree: SnapshotsTree, argument?: unknown): Promise<void> {
  requireFolder();
  const remote = await pickRemote(service, 'Push');
  if (remote === null) {
    return;
  }
  const result = await withRequestProgress(`Pushing checkpoints to ${remote}…`, (token) => service.push({ remote, ...selection(argument) }, token));
  tree.refresh(true);
  report('Pushed', result);
}

export async function pullCheckpoints(service: CheckpointClient, tree: SnapshotsTree, argument?: unknown): Promise<void> {
  requireFolder();
  const remote = argument instanceof RemoteCheckpointNode ? argument.remote : await pickRemote(service, 'Pull');
  if (remote === null) {
    return;
  }
  const result = await withRequestProgress(`Pulling checkpoints from ${remote}…`, (token) => service.pull({ remote, ...selection(argument) }, token));
  service.announceChange({ ids: result.checkpoints.filter((c) => c.outcome === 'pulled').map((c) => c.id) });
  tree.refresh(true);
  report('Pulled', result);
}
