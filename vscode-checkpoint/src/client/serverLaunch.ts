/**
 * Starts `checkpoint serve` (the native executable, or `dotnet checkpoint.dll serve` for the
 * framework-dependent build) as a language client over stdio; its root is the workspace folder and its
 * store, notes folder and exclusions are initializationOptions (settings.ts).
 * The document selector covers the episodic notes only; lenses, diagnostics, outline and
 * completions there come from the server. The client's output channel ("Checkpoint") carries the
 * server's log (window/logMessage and stderr).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { locateDotnet, type DotnetLocation } from './dotnetLocator';
import { serverCommandLine, type ServerCommandLine, type ServerCommandLineInputs } from './serverCommandLine';
import { locateServer, type ServerLocation } from './serverLocator';
import { initializationOptions, readSettings, storeFolder } from './settings';

export const clientId = 'checkpoint';

export interface LaunchedServer {
  client: LanguageClient;
  /** The dotnet that runs the dll; undefined for the native executable, which needs none. */
  dotnet: DotnetLocation | undefined;
  server: ServerLocation;
  /** The command line of this same server and workspace with another verb (`mcp`). */
  commandLine: (verb: readonly string[]) => ServerCommandLine;
}

function fileModified(file: string): number | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

function listRuntimes(dotnet: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(dotnet, ['--list-runtimes'], { timeout: 15_000 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** The .NET Install Tool's acquire API, when that extension is installed. */
async function acquireWithInstallTool(output: vscode.OutputChannel): Promise<string | undefined> {
  if (!vscode.extensions.getExtension('ms-dotnettools.vscode-dotnet-runtime')) {
    return undefined;
  }
  try {
    output.appendLine('Asking the .NET Install Tool for a .NET 10 runtime…');
    const result = await vscode.commands.executeCommand<{ dotnetPath?: string } | undefined>('dotnet.acquire', {
      version: '10.0',
      requestingExtensionId: 'checkpoint.vscode-checkpoint',
    });
    return result?.dotnetPath;
  } catch (error) {
    output.appendLine(`The .NET Install Tool could not provide .NET 10: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** What serverCommandLine needs to run the located server on this workspace. */
function commandLineInputs(
  dotnet: DotnetLocation | undefined,
  server: ServerLocation,
  folder: vscode.WorkspaceFolder | undefined,
  settings = readSettings(folder),
): ServerCommandLineInputs {
  return {
    server,
    ...(dotnet ? { dotnet: dotnet.dotnet } : {}),
    ...(folder ? { root: folder.uri.fsPath, store: storeFolder(folder, settings) } : {}),
  };
}

export async function launchServer(
  context: vscode.ExtensionContext,
  folder: vscode.WorkspaceFolder | undefined,
  output: vscode.OutputChannel,
  middleware: Middleware,
): Promise<LaunchedServer> {
  const settings = readSettings(folder);
  const server = locateServer({
    env: process.env,
    settingPath: settings.serverPath,
    extensionPath: context.extensionPath,
    platform: process.platform,
    fileModified,
  });
  // Only the dll needs a .NET runtime (and its "install .NET 10" message); the native build has it inside.
  const dotnet = server.kind === 'dll'
    ? await locateDotnet({
      settingPath: settings.dotnetPath,
      env: process.env,
      platform: process.platform,
      isFile: (file) => fileModified(file) !== undefined,
      listRuntimes,
      acquire: () => acquireWithInstallTool(output),
    })
    : undefined;
  output.appendLine(`Server: ${server.file} (${server.source}, ${server.kind === 'native' ? 'native' : `dotnet: ${dotnet?.dotnet} (${dotnet?.source})`})`);

  const inputs = commandLineInputs(dotnet, server, folder, settings);
  // serve learns its workspace from initialize, never from the command line (it refuses --root/--store).
  const serve = serverCommandLine({ server: inputs.server, ...(inputs.dotnet ? { dotnet: inputs.dotnet } : {}) }, ['serve', '--clientProcessId', String(process.pid)]);
  const serverOptions: ServerOptions = {
    command: serve.command,
    args: serve.args,
    options: { cwd: folder?.uri.fsPath, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
  };
  const notesGlob = `**/${settings.notesPath.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '')}/*.md`;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: notesGlob }],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => initializationOptions(folder),
    ...(folder ? { workspaceFolder: folder } : {}),
    middleware,
  };
  const client = new LanguageClient(clientId, 'Checkpoint', serverOptions, clientOptions);
  await client.start();
  return { client, dotnet, server, commandLine: (verb) => serverCommandLine(inputs, verb) };
}
