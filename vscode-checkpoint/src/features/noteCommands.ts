/**
 * Episodic-note commands: open today's note, insert one of the five templates (asking for the
 * context % where the format has one), open an entry, and recover from the latest entry (open it
 * and show its resume brief, computed by the server).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import { LensCommands, type NoteFormat, type ResumeBriefResult } from '../client/protocol';
import { notesFolder, requireFolder } from '../client/settings';
import { localDate } from '../model/age';
import { parseNoteEntries } from '../model/noteHeadings';
import { listDayNotes, readNoteText } from './notesTree';

interface TemplateChoice {
  format: NoteFormat;
  label: string;
  /** The context % range the seed prescribes for the format; undefined when it has no % field. */
  contextRange?: [number, number];
}

export const templates: Record<string, TemplateChoice> = {
  'checkpoint.insertFull': { format: 'full', label: 'Full checkpoint', contextRange: [70, 84] },
  'checkpoint.insertEmergency': { format: 'emergency', label: 'Emergency checkpoint', contextRange: [85, 94] },
  'checkpoint.insertSurvival': { format: 'survival', label: 'Survival checkpoint', contextRange: [95, 100] },
  'checkpoint.insertPreOperation': { format: 'pre-operation', label: 'Pre-Operation checkpoint' },
  'checkpoint.insertQuickNote': { format: 'quick', label: 'Quick note' },
};

/** Opens a note with the given 0-based line at the top of the editor and the cursor on it. */
export async function openNoteAt(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(Math.min(Math.max(line, 0), Math.max(document.lineCount - 1, 0)), 0);
  const editor = await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  return editor;
}

async function askContextPct(template: TemplateChoice): Promise<number | undefined | null> {
  if (!template.contextRange) {
    return null;
  }
  const [low, high] = template.contextRange;
  const answer = await vscode.window.showInputBox({
    title: `Insert ${template.label}: context %`,
    prompt: `How full is the context window? The ${template.label.toLowerCase()} is meant for ${low}–${high}%.`,
    value: String(low),
    ignoreFocusOut: true,
    validateInput: (value) => (/^\s*\d{1,3}\s*%?\s*$/.test(value) && Number(value.replace('%', '')) <= 100 ? undefined : 'A whole number from 0 to 100.'),
  });
  return answer === undefined ? undefined : Number(answer.replace('%', '').trim());
}

export async function insertTemplate(service: CheckpointClient, commandId: string): Promise<void> {
  requireFolder();
  const template = templates[commandId];
  const contextPct = await askContextPct(template);
  if (contextPct === undefined) {
    return;
  }
  const result = await service.note({ format: template.format, ...(contextPct === null ? {} : { contextPct }) });
  await openNoteAt(vscode.Uri.file(result.path), result.line);
}

export async function openTodayNote(): Promise<void> {
  const folder = requireFolder();
  const today = localDate(new Date());
  const uri = vscode.Uri.file(path.join(notesFolder(folder), `${today}.md`));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    // An empty day file is a valid note; the insert commands and snippets fill it.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`# ${today}\n\n`));
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await openNoteAt(uri, document.lineCount - 1);
}

/** Opens the newest entry of the newest day and shows the server's resume brief for it. */
export async function recoverFromLatest(service: CheckpointClient): Promise<void> {
  const folder = requireFolder();
  for (const day of await listDayNotes(folder)) {
    const entries = parseNoteEntries(await readNoteText(day.uri));
    const latest = entries[entries.length - 1];
    if (!latest) {
      continue;
    }
    await openNoteAt(day.uri, latest.line);
    const { brief } = await service.executeServerCommand<ResumeBriefResult>(LensCommands.resumeBrief, [day.uri.toString(), latest.line]);
    await showBrief(brief);
    return;
  }
  void vscode.window.showInformationMessage(`No checkpoint entry found in ${notesFolder(folder)}. Insert one with "Checkpoint: Insert Full Checkpoint Note".`);
}

export async function showBrief(brief: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(brief, 'Copy');
  if (choice === 'Copy') {
    await vscode.env.clipboard.writeText(brief);
  }
}
