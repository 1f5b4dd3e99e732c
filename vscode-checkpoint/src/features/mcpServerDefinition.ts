/**
 * Offers `checkpoint mcp` to VS Code's MCP client (package.json `contributes.mcpServerDefinitionProviders`),
 * so any MCP-capable chat in this window gets the Checkpoint tools without a `.vscode/mcp.json`: a stdio
 * server definition running the very server the extension located (same dotnet, same checkpoint.dll,
 * same `--root` and `--store`), with the workspace folder as its working directory.
 *
 * VS Code asks for the definitions eagerly, maybe before the language server is up: the answer waits
 * for the launch and is empty when the server could not be located (the extension has already said
 * why, once).
 */
import * as vscode from 'vscode';
import type { ServerCommandLine } from '../client/serverCommandLine';

/** The provider id, the same as in package.json. */
export const mcpProviderId = 'checkpoint.mcpServer';

export interface McpServerLaunch {
  commandLine: ServerCommandLine;
  /** The workspace folder on disk; undefined without one. */
  cwd?: vscode.Uri;
}

export function registerMcpServerDefinition(context: vscode.ExtensionContext, launch: Promise<McpServerLaunch | undefined>): void {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    provideMcpServerDefinitions: async () => {
      const located = await launch;
      if (!located) {
        return [];
      }
      const { command, args } = located.commandLine;
      // The version changes with the extension, and VS Code then re-reads the tool list.
      const definition = new vscode.McpStdioServerDefinition('Checkpoint', command, args, { DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, version);
      definition.cwd = located.cwd;
      return [definition];
    },
  };
  context.subscriptions.push(vscode.lm.registerMcpServerDefinitionProvider(mcpProviderId, provider));
}
