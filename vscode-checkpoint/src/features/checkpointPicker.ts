/**
 * Chooses the checkpoint a command acts on: the tree item it was invoked on, or a quick pick of
 * all checkpoints, latest first, with stage, age and file count.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointSummary } from '../client/protocol';
import { checkpointPickItems } from '../model/checkpointPicks';
import { CheckpointFileNode, CheckpointNameNode, CheckpointNode } from './snapshotsTree';

export interface ChosenCheckpoint {
  name: string;
  timestamp: string;
  id: string;
  summary?: CheckpointSummary;
}

function fromSummary(summary: CheckpointSummary): ChosenCheckpoint {
  return { name: summary.name, timestamp: summary.timestamp, id: summary.id, summary };
}

function isChosenCheckpoint(value: unknown): value is ChosenCheckpoint {
  const candidate = value as Partial<ChosenCheckpoint> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.timestamp === 'string' && typeof candidate.id === 'string';
}

/** The checkpoint of a tree node argument, if the command was invoked on one. */
export function checkpointOfArgument(argument: unknown): ChosenCheckpoint | undefined {
  if (argument instanceof CheckpointNode || argument instanceof CheckpointFileNode) {
    return fromSummary(argument.checkpoint);
  }
  if (isChosenCheckpoint(argument)) {
    return argument;
  }
  return undefined;
}

export async function pickCheckpoint(
  service: CheckpointClient,
  placeHolder: string,
  argument?: unknown,
): Promise<ChosenCheckpoint | undefined> {
  const fromTree = checkpointOfArgument(argument);
  if (fromTree) {
    return fromTree;
  }
  const name = argument instanceof CheckpointNameNode ? argument.name : undefined;
  const { checkpoints } = await service.list(name ? { name } : {});
  if (checkpoints.length === 0) {
    void vscode.window.showInformationMessage('There are no checkpoints yet. Save one with "Checkpoint: Save Checkpoint".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(checkpointPickItems(checkpoints, new Date()), {
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked ? fromSummary(picked.checkpoint) : undefined;
}
