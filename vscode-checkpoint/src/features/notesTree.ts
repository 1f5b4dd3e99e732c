/**
 * The view `checkpoint.notes`: the day files of memory/episodic (newest first) → their entries
 * (newest first), each with an icon for its format; clicking an entry opens the note at its
 * heading. Headings are scanned client-side (model/noteHeadings) so the tree never waits for the
 * server; it refreshes when a note changes on disk or in an editor.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentFolder, notesFolder, readSettings } from '../client/settings';
import { dayOfNoteFile, formatLabels, parseNoteEntries, type EntryFormat, type NoteEntryHeading } from '../model/noteHeadings';

export class NoteDayNode {
  readonly kind = 'day';
  constructor(readonly day: string, readonly uri: vscode.Uri, readonly entries: NoteEntryHeading[]) {}
}

export class NoteEntryNode {
  readonly kind = 'entry';
  constructor(readonly day: NoteDayNode, readonly entry: NoteEntryHeading) {}
}

export type NoteNode = NoteDayNode | NoteEntryNode;

const formatIcons: Record<EntryFormat, vscode.ThemeIcon> = {
  full: new vscode.ThemeIcon('bookmark', new vscode.ThemeColor('charts.orange')),
  emergency: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.red')),
  survival: new vscode.ThemeIcon('flame', new vscode.ThemeColor('charts.red')),
  'pre-operation': new vscode.ThemeIcon('debug-step-over', new vscode.ThemeColor('charts.blue')),
  quick: new vscode.ThemeIcon('note', new vscode.ThemeColor('charts.green')),
};

/** The text of a note: the editor's (possibly unsaved) text when it is open, else the file's. */
export async function readNoteText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** Day notes of the notes folder, newest day first; empty when the folder does not exist yet. */
export async function listDayNotes(folder: vscode.WorkspaceFolder): Promise<{ day: string; uri: vscode.Uri }[]> {
  const notesUri = vscode.Uri.file(notesFolder(folder));
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(notesUri);
  } catch {
    return [];
  }
  return entries
    .filter(([, type]) => type === vscode.FileType.File)
    .map(([name]) => ({ day: dayOfNoteFile(name), uri: vscode.Uri.file(path.join(notesUri.fsPath, name)) }))
    .filter((note): note is { day: string; uri: vscode.Uri } => note.day !== undefined)
    .sort((a, b) => b.day.localeCompare(a.day));
}

export class NotesTree implements vscode.TreeDataProvider<NoteNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<NoteNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const folder = currentFolder();
    if (folder) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${readSettings(folder).notesPath}/*.md`));
      watcher.onDidCreate(() => this.refresh(), undefined, this.disposables);
      watcher.onDidChange(() => this.refresh(), undefined, this.disposables);
      watcher.onDidDelete(() => this.refresh(), undefined, this.disposables);
      this.disposables.push(watcher);
    }
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'markdown') {
        this.refresh();
      }
    }, undefined, this.disposables);
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: NoteNode): vscode.TreeItem {
    if (node instanceof NoteDayNode) {
      const item = new vscode.TreeItem(node.day, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `day:${node.day}`;
      item.description = node.entries.length === 1 ? '1 entry' : `${node.entries.length} entries`;
      item.resourceUri = node.uri;
      item.iconPath = new vscode.ThemeIcon('calendar');
      item.contextValue = 'noteDay';
      item.command = { command: 'checkpoint.openNoteEntry', title: 'Open Note', arguments: [node.uri, 0] };
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(`${entry.time} ${formatLabels[entry.format]}`, vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${node.day.day}:${entry.line}`;
    item.description = entry.contextPct === undefined ? undefined : `Context: ${entry.contextPct}%`;
    item.tooltip = `${entry.title}\n${path.basename(node.day.uri.fsPath)}, line ${entry.line + 1}`;
    item.iconPath = formatIcons[entry.format];
    item.contextValue = `noteEntry.${entry.format}`;
    item.command = { command: 'checkpoint.openNoteEntry', title: 'Open Entry', arguments: [node.day.uri, entry.line] };
    return item;
  }

  async getChildren(node?: NoteNode): Promise<NoteNode[]> {
    if (node instanceof NoteDayNode) {
      return [...node.entries].reverse().map((entry) => new NoteEntryNode(node, entry));
    }
    if (node) {
      return [];
    }
    const folder = currentFolder();
    if (!folder) {
      return [];
    }
    const days = await listDayNotes(folder);
    return Promise.all(days.map(async ({ day, uri }) => new NoteDayNode(day, uri, parseNoteEntries(await readNoteText(uri)))));
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
