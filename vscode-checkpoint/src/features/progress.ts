/**
 * Progress notifications for server requests, shown only when a request takes long enough for a
 * person to wait on it (see model/delayedIndicator.ts). Cancelling the notification cancels the
 * request.
 */
import * as vscode from 'vscode';
import { withDelayedIndicator } from '../model/delayedIndicator';

export function withRequestProgress<T>(
  title: string,
  request: (token: vscode.CancellationToken) => Thenable<T>,
  cancellable = true,
): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  const task = Promise.resolve(request(source.token));
  const show = (running: Promise<T>) => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, (_progress, token) => {
      token.onCancellationRequested(() => source.cancel());
      // The notification closes when the request settles, whichever way.
      return running.then(() => undefined, () => undefined);
    });
  };
  return withDelayedIndicator(task, show).finally(() => source.dispose());
}
