/**
 * The Checkpoint tools for language models (Copilot agent mode's `#checkpointSave`, any extension
 * through `vscode.lm.invokeTool`), declared in package.json `contributes.languageModelTools` under
 * the MCP server's names. Each one is a `checkpoint/*` request to the running language server:
 * inputs are checked in model/toolInputs.ts, answers worded in model/toolResults.ts.
 *
 * Restore, delete and prune change or remove files, so their prepareInvocation first asks the
 * server for a dry run (restore's preview, the checkpoint against the working tree, prune's list)
 * and returns it as the confirmation VS Code shows before it lets the call run. prepareInvocation
 * must be free of side effects: a dry run is.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import { describeServerError } from '../client/serverErrors';
import { LensCommands, type ResumeBriefResult } from '../client/protocol';
import { currentFolder, notesFolder, readSettings, requireFolder } from '../client/settings';
import { contextAdvice, contextAdviceAnswer, latestEntry, recoverAnswer } from '../model/noteTools';
import {
  ToolInputError,
  ToolNames,
  contextAdviceInput,
  deleteParams,
  diffInput,
  listParams,
  noteParams,
  pruneParams,
  recoverInput,
  restoreParams,
  saveParams,
  selectPaths,
  showParams,
  verifyParams,
  type ToolName,
} from '../model/toolInputs';
import {
  deleteAnswer,
  deletePreviewMarkdown,
  diffAnswer,
  listAnswer,
  noteAnswer,
  pruneAnswer,
  prunePreviewMarkdown,
  restoreAnswer,
  restorePreviewMarkdown,
  saveAnswer,
  showAnswer,
  verifyAnswer,
  type ToolAnswer,
} from '../model/toolResults';
import { resumeChangesNothing } from '../model/resumeSummary';
import { listDayNotes, readNoteText } from './notesTree';

type Tool = vscode.LanguageModelTool<unknown>;

function answer(result: ToolAnswer): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([
    new vscode.LanguageModelTextPart(result.summary),
    new vscode.LanguageModelTextPart(JSON.stringify(result.json)),
  ]);
}

/**
 * Runs a call (or its dry run); a failure is thrown with a message written for the model (VS Code
 * hands a thrown error's message to it): the input check's sentence, or the server's (which lists
 * what exists for an unknown checkpoint).
 */
async function explained<T>(tool: ToolName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ToolInputError) {
      throw error;
    }
    throw new Error(`${tool} failed: ${describeServerError(error)}`);
  }
}

async function call(tool: ToolName, work: () => Promise<ToolAnswer>): Promise<vscode.LanguageModelToolResult> {
  return answer(await explained(tool, work));
}

/** A confirmation VS Code shows with Continue / Cancel before invoke runs. */
function confirmation(title: string, markdown: string, invocationMessage: string): vscode.PreparedToolInvocation {
  return { invocationMessage, confirmationMessages: { title, message: new vscode.MarkdownString(markdown) } };
}

function retentionDefaults() {
  const settings = readSettings(currentFolder());
  return { keepLast: settings.keepLast, maxAgeDays: settings.maxAgeDays };
}

function tools(service: CheckpointClient): [ToolName, Tool][] {
  return [
    [ToolNames.save, {
      prepareInvocation: (options) => ({ invocationMessage: `Saving checkpoint ${String((options.input as { name?: unknown } | undefined)?.name ?? '')}…` }),
      invoke: (options, token) => call(ToolNames.save, async () => {
        const result = await service.save(saveParams(options.input), token);
        service.announceChange({ ids: [result.checkpoint.id] });
        return saveAnswer(result);
      }),
    }],
    [ToolNames.list, {
      invoke: (options, token) => call(ToolNames.list, async () => {
        const params = listParams(options.input);
        return listAnswer(await service.list(params, token), params.name);
      }),
    }],
    [ToolNames.show, {
      invoke: (options, token) => call(ToolNames.show, async () => showAnswer(await service.show(showParams(options.input), token))),
    }],
    [ToolNames.diff, {
      invoke: (options, token) => call(ToolNames.diff, async () => {
        const { ref, paths } = diffInput(options.input);
        const result = await service.diff(ref, token);
        return diffAnswer({ ...result, added: selectPaths(result.added, paths), removed: selectPaths(result.removed, paths), changed: selectPaths(result.changed, paths) });
      }),
    }],
    [ToolNames.restore, {
      prepareInvocation: (options, token) => explained(ToolNames.restore, async () => {
        const params = restoreParams(options.input);
        const preview = await service.resume({ ...params, dryRun: true }, token);
        if (resumeChangesNothing(preview)) {
          return { invocationMessage: `${preview.id} matches the files already; nothing to restore.` };
        }
        return confirmation(`Restore ${preview.id}?`, restorePreviewMarkdown(preview, params.target === undefined), `Restoring ${preview.id}…`);
      }),
      invoke: (options, token) => call(ToolNames.restore, async () => {
        const result = await service.resume({ ...restoreParams(options.input), noVerify: !readSettings(currentFolder()).restoreVerify }, token);
        service.announceChange({ ids: result.safetyCheckpoint ? [result.safetyCheckpoint] : [] });
        return restoreAnswer(result);
      }),
    }],
    [ToolNames.delete, {
      prepareInvocation: (options, token) => explained(ToolNames.delete, async () => {
        const params = deleteParams(options.input);
        const ref = { name: params.name, timestamp: params.timestamp };
        const [detail, diff] = await Promise.all([service.show(ref, token), service.diff(ref, token)]);
        return confirmation(`Delete ${detail.id}?`, deletePreviewMarkdown(detail, diff), `Deleting ${detail.id}…`);
      }),
      invoke: (options, token) => call(ToolNames.delete, async () => {
        const result = await service.delete(deleteParams(options.input), token);
        service.announceChange({ ids: [result.id] });
        return deleteAnswer(result);
      }),
    }],
    [ToolNames.verify, {
      prepareInvocation: () => ({ invocationMessage: 'Verifying checkpoints…' }),
      invoke: (options, token) => call(ToolNames.verify, async () => verifyAnswer(await service.verify(verifyParams(options.input), token))),
    }],
    [ToolNames.prune, {
      prepareInvocation: (options, token) => explained(ToolNames.prune, async () => {
        const params = pruneParams(options.input, retentionDefaults());
        if (params.dryRun) {
          return { invocationMessage: 'Listing what a prune would delete…' };
        }
        const preview = await service.prune({ ...params, dryRun: true }, token);
        if (preview.deleted.length === 0) {
          return { invocationMessage: 'Nothing to prune: every checkpoint is within the retention.' };
        }
        return confirmation(`Prune ${preview.deleted.length} checkpoint(s)?`, prunePreviewMarkdown(preview), 'Pruning checkpoints…');
      }),
      invoke: (options, token) => call(ToolNames.prune, async () => {
        const result = await service.prune(pruneParams(options.input, retentionDefaults()), token);
        if (!result.dryRun && result.deleted.length > 0) {
          service.announceChange({ ids: result.deleted });
        }
        return pruneAnswer(result);
      }),
    }],
    [ToolNames.note, {
      prepareInvocation: (options) => ({ invocationMessage: `Writing a ${String((options.input as { format?: unknown } | undefined)?.format ?? '')} entry to today's note…` }),
      invoke: (options, token) => call(ToolNames.note, async () => {
        const result = await service.note(noteParams(options.input), token);
        if (result.snapshot) {
          service.announceChange({ ids: [result.snapshot.checkpoint.id] });
        }
        return noteAnswer(result);
      }),
    }],
    [ToolNames.recover, {
      invoke: (options, token) => call(ToolNames.recover, async () => {
        recoverInput(options.input);
        const folder = requireFolder();
        for (const day of await listDayNotes(folder)) {
          const latest = latestEntry(await readNoteText(day.uri));
          if (latest) {
            const { brief } = await service.executeServerCommand<ResumeBriefResult>(LensCommands.resumeBrief, [day.uri.toString(), latest.entry.line], token);
            return recoverAnswer(day.day, day.uri.fsPath, latest, brief);
          }
        }
        throw new Error(`No checkpoint entry in ${notesFolder(folder)} yet: nothing to recover from. checkpoint_context_advice says which entry to write.`);
      }),
    }],
    [ToolNames.contextAdvice, {
      invoke: (options, token) => call(ToolNames.contextAdvice, async () => {
        const advice = contextAdvice(contextAdviceInput(options.input));
        // The server renders the template (without writing it): what the entry must contain, in its words.
        const template = advice.format ? (await service.note({ format: advice.format, contextPct: advice.contextPct, append: false }, token)).text : undefined;
        return contextAdviceAnswer(advice, template);
      }),
    }],
  ];
}

export function registerLanguageModelTools(context: vscode.ExtensionContext, service: CheckpointClient): void {
  for (const [name, tool] of tools(service)) {
    context.subscriptions.push(vscode.lm.registerTool(name, tool));
  }
}
