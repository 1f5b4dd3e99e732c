/**
 * The command line of the server for one workspace: `dotnet <checkpoint.dll> --root <folder>
 * --store <store> <verb …>`. The language client runs it with `serve`; the MCP server definition
 * hands it, with `mcp`, to VS Code's MCP client, so both faces run the same located server on the
 * same store. Free of the vscode API.
 */

export interface ServerCommandLine {
  command: string;
  args: string[];
}

export interface ServerCommandLineInputs {
  /** The dotnet host (dotnetLocator). */
  dotnet: string;
  /** The server's checkpoint.dll (serverLocator). */
  dll: string;
  /** The workspace folder on disk, absent without a folder (the server then finds its root from its cwd). */
  root?: string;
  /** The store folder, absolute (settings.storeFolder). */
  store?: string;
}

export function serverCommandLine(inputs: ServerCommandLineInputs, verb: readonly string[]): ServerCommandLine {
  const workspace = inputs.root ? ['--root', inputs.root, ...(inputs.store ? ['--store', inputs.store] : [])] : [];
  return { command: inputs.dotnet, args: [inputs.dll, ...workspace, ...verb] };
}
