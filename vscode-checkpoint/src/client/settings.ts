/**
 * The `checkpoint.*` settings, read in one place, and the folders they resolve to. The language
 * server gets the ones it uses as initializationOptions when it starts (a change of those offers a
 * window reload); retention and restore verification are sent as parameters of the requests that
 * use them (prune, resume).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface CheckpointSettings {
  storePath: string;
  notesPath: string;
  exclude: string[];
  keepLast: number;
  maxAgeDays: number;
  restoreVerify: boolean;
  serverPath: string;
  dotnetPath: string;
}

export const defaultNotesPath = 'memory/episodic';
export const defaultStorePath = 'memory/checkpoints';

export function readSettings(folder?: vscode.WorkspaceFolder): CheckpointSettings {
  const config = vscode.workspace.getConfiguration('checkpoint', folder?.uri);
  return {
    storePath: config.get<string>('store.path', '').trim(),
    notesPath: config.get<string>('notes.path', defaultNotesPath).trim() || defaultNotesPath,
    exclude: config.get<string[]>('exclude', []),
    keepLast: config.get<number>('retention.keepLast', 10),
    maxAgeDays: config.get<number>('retention.maxAgeDays', 30),
    restoreVerify: config.get<boolean>('restore.verify', true),
    serverPath: config.get<string>('server.path', '').trim(),
    dotnetPath: config.get<string>('dotnet.path', '').trim(),
  };
}

/**
 * What the language server receives in initialize, beside the workspace folder that is its root: the one
 * way its store, notes folder and exclusions reach it (`serve` refuses `--root`/`--store`). Twin of
 * CheckpointInitializationOptions in server/Checkpoint.Server/Lsp/Protocol.Checkpoint.cs.
 */
export interface ServerInitializationOptions {
  storePath: string;
  notesPath: string;
  exclude: string[];
}

export function initializationOptions(folder: vscode.WorkspaceFolder | undefined): ServerInitializationOptions {
  const settings = readSettings(folder);
  return {
    storePath: folder ? storeFolder(folder, settings) : settings.storePath,
    notesPath: settings.notesPath,
    exclude: settings.exclude,
  };
}

/** The workspace the extension works on: the first folder (Checkpoint has one root per server). */
export function currentFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

export function requireFolder(): vscode.WorkspaceFolder {
  const folder = currentFolder();
  if (!folder || folder.uri.scheme !== 'file') {
    throw new Error('Checkpoint works on a folder on disk: open a folder first (File → Open Folder).');
  }
  return folder;
}

/** Absolute path of the store. */
export function storeFolder(folder: vscode.WorkspaceFolder, settings = readSettings(folder)): string {
  return path.resolve(folder.uri.fsPath, settings.storePath || defaultStorePath);
}

/** Absolute path of the episodic notes folder. */
export function notesFolder(folder: vscode.WorkspaceFolder, settings = readSettings(folder)): string {
  return path.resolve(folder.uri.fsPath, settings.notesPath);
}
