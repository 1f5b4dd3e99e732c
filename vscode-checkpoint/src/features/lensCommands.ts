/**
 * The commands the server's code lenses carry (protocol.ts LensCommands). Two run on the server
 * (resume brief, snapshot now) and need the client to show their result; two are pure UI
 * (restore a snapshot through the resume flow, reveal the progress checklist).
 *
 * When the server advertises a command in executeCommandProvider, vscode-languageclient registers
 * the VS Code command itself; the middleware below then adds the UI around the forwarded call.
 * Commands the server does not advertise are registered here and forwarded explicitly.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { CheckpointClient } from '../client/checkpointClient';
import { LensCommands, type ResumeBriefResult, type SaveResult } from '../client/protocol';
import { refOfId } from '../model/checkpointIds';
import { fileCount } from '../model/checkpointPicks';
import { showError } from './commandRunner';
import { openNoteAt, showBrief } from './noteCommands';
import { resumeCheckpoint } from './resumeFlow';
import { withRequestProgress } from './progress';

type Forward = (command: string, args: unknown[]) => Promise<unknown>;

const lensCommandIds = new Set<string>(Object.values(LensCommands));

export class LensCommandHandler {
  constructor(private readonly service: CheckpointClient) {}

  handles(command: string): boolean {
    return lensCommandIds.has(command);
  }

  /** Runs a lens command; failures become notifications (never thrown back into the lens). */
  async run(command: string, args: unknown[], forward: Forward): Promise<unknown> {
    try {
      switch (command) {
        case LensCommands.resumeBrief: {
          const result = (await forward(command, args)) as ResumeBriefResult | undefined;
          if (result?.brief) {
            await showBrief(result.brief);
          }
          return result;
        }
        case LensCommands.snapshotNow: {
          const result = (await withRequestProgress('Saving a snapshot of the workspace…', () => forward(command, args), false)) as SaveResult | undefined;
          if (result?.checkpoint) {
            this.service.announceChange({ ids: [result.checkpoint.id] });
            void vscode.window.showInformationMessage(`Snapshot ${result.checkpoint.id} saved (${fileCount(result.checkpoint.totalFiles)}).`);
          }
          return result;
        }
        case LensCommands.restoreSnapshot:
          return await this.restoreSnapshot(args);
        case LensCommands.showProgress:
          return await this.showProgress(args);
        default:
          return await forward(command, args);
      }
    } catch (error) {
      showError(error);
      return undefined;
    }
  }

  private async restoreSnapshot(args: unknown[]): Promise<void> {
    const id = String(args[0] ?? '');
    const ref = refOfId(id);
    if (!ref) {
      throw new Error(`"${id}" is not a checkpoint id (expected <name>_<YYYYMMDD_HHMMSS>).`);
    }
    await resumeCheckpoint(this.service, { ...ref, id });
  }

  private async showProgress(args: unknown[]): Promise<void> {
    // The server's lens says where the checklist is: the note is not parsed again here.
    const uri = vscode.Uri.parse(String(args[0]));
    const line = Number(args[1] ?? 0);
    const [first, last] = [Number(args[2]), Number(args[3])];
    const editor = await openNoteAt(uri, Number.isInteger(first) ? first : line);
    if (Number.isInteger(first) && Number.isInteger(last) && last < editor.document.lineCount) {
      editor.selection = new vscode.Selection(first, 0, last, editor.document.lineAt(last).text.length);
    } else {
      void vscode.window.showInformationMessage('This entry has no **Progress:** checklist.');
    }
  }
}

/** Adds the client-side UI to lens commands that vscode-languageclient registered for the server. */
export function lensMiddleware(handler: LensCommandHandler): Middleware {
  return {
    executeCommand: (command, args, next) =>
      handler.handles(command) ? handler.run(command, args, async (c, a) => next(c, a)) : next(command, args),
  };
}

/** Registers the lens commands the server did not advertise (so the language client did not). */
export function registerLensCommands(
  context: vscode.ExtensionContext,
  handler: LensCommandHandler,
  service: CheckpointClient,
  advertisedByServer: ReadonlySet<string>,
): void {
  for (const command of lensCommandIds) {
    if (!advertisedByServer.has(command)) {
      context.subscriptions.push(
        vscode.commands.registerCommand(command, (...args: unknown[]) =>
          handler.run(command, args, (c, a) => service.executeServerCommand(c, a)),
        ),
      );
    }
  }
}
