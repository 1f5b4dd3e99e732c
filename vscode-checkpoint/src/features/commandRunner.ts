/**
 * Registers commands so that no failure is silent: whatever a command throws (a server error, a
 * missing runtime, bad input) becomes an error notification carrying the server's message, with
 * a button to the server log. Cancellations the user asked for stay quiet.
 */
import * as vscode from 'vscode';
import { describeServerError, isCancellation } from '../client/serverErrors';

export function showError(error: unknown): void {
  if (isCancellation(error)) {
    return;
  }
  void vscode.window.showErrorMessage(describeServerError(error), 'Show Log').then((choice) => {
    if (choice === 'Show Log') {
      void vscode.commands.executeCommand('checkpoint.showOutput');
    }
  });
}

// `any`: command arguments arrive untyped from menus, lenses and the palette; each handler states what it expects.
export type CommandHandler = (...args: any[]) => unknown;

export function registerCommand(context: vscode.ExtensionContext, id: string, handler: CommandHandler): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        showError(error);
        return undefined;
      }
    }),
  );
}
