/**
 * Activation: create the views, commands and status bar at once (so the UI is there even while
 * the server starts or when it cannot), then locate dotnet and the server and start the language
 * client. A failed start is reported with an actionable message and makes every request fail
 * with that same message.
 */
import * as vscode from 'vscode';
import { CheckpointClient } from './client/checkpointClient';
import { launchServer } from './client/serverLaunch';
import { currentFolder } from './client/settings';
import { checkpointScheme } from './model/checkpointUri';
import { registerCommands } from './features/commands';
import { CheckpointContentProvider } from './features/diffProvider';
import { registerLanguageModelTools } from './features/languageModelTools';
import { LensCommandHandler, lensMiddleware, registerLensCommands } from './features/lensCommands';
import { registerMcpServerDefinition, type McpServerLaunch } from './features/mcpServerDefinition';
import { NotesTree } from './features/notesTree';
import { SnapshotsTree } from './features/snapshotsTree';
import { CheckpointStatusBar } from './features/statusBar';
import { DotnetNotFoundError } from './client/dotnetLocator';
import { describeServerError } from './client/serverErrors';
import { ServerNotFoundError } from './client/serverLocator';

let stopClient: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Checkpoint');
  const service = new CheckpointClient();
  const snapshots = new SnapshotsTree(service);
  const notes = new NotesTree();
  const statusBar = new CheckpointStatusBar(service);
  const lensHandler = new LensCommandHandler(service);
  context.subscriptions.push(
    output,
    service,
    snapshots,
    notes,
    statusBar,
    vscode.window.registerTreeDataProvider('checkpoint.snapshots', snapshots),
    vscode.window.registerTreeDataProvider('checkpoint.notes', notes),
    vscode.workspace.registerTextDocumentContentProvider(checkpointScheme, new CheckpointContentProvider(service)),
    service.onDidChange(() => snapshots.refresh()),
  );
  registerCommands(context, service, { snapshots, notes }, output);
  // The tools wait for the server like every command does; the MCP definition waits for its location.
  registerLanguageModelTools(context, service);
  let located!: (launch: McpServerLaunch | undefined) => void;
  registerMcpServerDefinition(context, new Promise((resolve) => (located = resolve)));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(offerReloadForServerSettings));

  try {
    const folder = currentFolder();
    const launched = await launchServer(context, folder, output, lensMiddleware(lensHandler));
    located({ commandLine: launched.commandLine(['mcp']), ...(folder ? { cwd: folder.uri } : {}) });
    stopClient = () => launched.client.stop();
    service.attach(launched.client);
    const advertised = new Set(launched.client.initializeResult?.capabilities.executeCommandProvider?.commands ?? []);
    registerLensCommands(context, lensHandler, service, advertised);
    snapshots.refresh();
    void statusBar.reload();
  } catch (error) {
    const failure = startupFailure(error);
    service.fail(failure);
    located(undefined);
    registerLensCommands(context, lensHandler, service, new Set());
    output.appendLine(`The Checkpoint server did not start: ${failure.message}`);
    void vscode.window.showErrorMessage(describeServerError(failure), 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'checkpoint.');
      } else if (choice === 'Show Log') {
        output.show(true);
      }
    });
  }
}

/** Settings the server reads once, at start; the rest (retention, verify) are read at each use. */
const startupSettings = ['checkpoint.store.path', 'checkpoint.notes.path', 'checkpoint.exclude', 'checkpoint.server.path', 'checkpoint.dotnet.path'];

function offerReloadForServerSettings(event: vscode.ConfigurationChangeEvent): void {
  const changed = startupSettings.filter((setting) => event.affectsConfiguration(setting));
  if (changed.length === 0) {
    return;
  }
  void vscode.window
    .showInformationMessage(`Checkpoint: ${changed.join(', ')} changed. Reload the window to restart the server with it.`, 'Reload Window')
    .then((choice) => {
      if (choice === 'Reload Window') {
        void vscode.commands.executeCommand('workbench.action.reloadWindow');
      }
    });
}

/**
 * Location problems already say what to do; anything else happened while the server started
 * (it crashed, exited, or rejected initialize), and the server's own log explains it.
 */
function startupFailure(error: unknown): Error {
  if (error instanceof ServerNotFoundError || error instanceof DotnetNotFoundError) {
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`The Checkpoint server could not start (${reason}). Its log is in the "Checkpoint" output.`);
}

export async function deactivate(): Promise<void> {
  await stopClient?.();
}
