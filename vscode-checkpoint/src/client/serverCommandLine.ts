/**
 * The command line of the server: `<checkpoint> <verb …>` for the native executable, `dotnet
 * <checkpoint.dll> …` for the framework-dependent build. The language client runs it with `serve`,
 * whose workspace comes from initialize (workspaceFolders, initializationOptions) and never from the
 * command line; the MCP server definition hands it, with `--root <folder> --store <store> mcp`, to VS
 * Code's MCP client (an MCP server has no other way to learn them), so both faces run the same located
 * server on the same store. Free of the vscode API.
 */
import type { ServerLocation } from './serverLocator';

export interface ServerCommandLine {
  command: string;
  args: string[];
}

export interface ServerCommandLineInputs {
  /** The located server (serverLocator): its file and whether it runs through dotnet. */
  server: Pick<ServerLocation, 'file' | 'kind'>;
  /** The dotnet host (dotnetLocator) for a checkpoint.dll; the native executable needs none. */
  dotnet?: string;
  /** The workspace folder on disk, for `mcp`; absent without a folder (the server then finds its root from its cwd) and for `serve`. */
  root?: string;
  /** The store folder, absolute (settings.storeFolder). */
  store?: string;
}

export function serverCommandLine(inputs: ServerCommandLineInputs, verb: readonly string[]): ServerCommandLine {
  const workspace = inputs.root ? ['--root', inputs.root, ...(inputs.store ? ['--store', inputs.store] : [])] : [];
  if (inputs.server.kind === 'native') {
    return { command: inputs.server.file, args: [...workspace, ...verb] };
  }
  if (!inputs.dotnet) {
    throw new Error(`${inputs.server.file} runs through dotnet, and no dotnet was given.`);
  }
  return { command: inputs.dotnet, args: [inputs.server.file, ...workspace, ...verb] };
}
