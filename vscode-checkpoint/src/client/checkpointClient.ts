/**
 * The typed face of the language client: one method per custom request of protocol.ts, plus the
 * `checkpoint/changed` notification. Features depend on this class, never on the transport.
 * Until the server is up, requests wait for it; when it could not start, every request fails
 * with the reason it could not start, so each command reports it instead of failing silently.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  Methods,
  type ChangedParams,
  type DeleteParams,
  type DeleteResult,
  type DiffParams,
  type DiffResult,
  type FileContentParams,
  type FileContentResult,
  type ListParams,
  type ListResult,
  type NoteParams,
  type NoteResult,
  type PruneParams,
  type PruneResult,
  type RemoteCheckpointsParams,
  type RemoteCheckpointsResult,
  type RemoteListResult,
  type TransferParams,
  type TransferResult,
  type ResumeParams,
  type ResumeResult,
  type SaveParams,
  type SaveResult,
  type ShowParams,
  type ShowResult,
  type VerifyParams,
  type VerifyResult,
} from './protocol';

export class CheckpointClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private startFailure: Error | undefined;
  private readonly started: Promise<void>;
  private markStarted!: () => void;
  private readonly changedEmitter = new vscode.EventEmitter<ChangedParams>();

  /** Fires when the store changed (any process), as reported by the server. */
  readonly onDidChange = this.changedEmitter.event;

  constructor() {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  /** Called once the language client runs; wires the change notification. */
  attach(client: LanguageClient): void {
    this.client = client;
    client.onNotification(Methods.changed, (params: ChangedParams | undefined) => this.changedEmitter.fire(params ?? {}));
    this.markStarted();
  }

  /** Called when the server could not be located or started; requests then fail with this error. */
  fail(error: Error): void {
    this.startFailure = error;
    this.markStarted();
  }

  /** Lets features refresh after their own writes even when the server sends no notification. */
  announceChange(params: ChangedParams = {}): void {
    this.changedEmitter.fire(params);
  }

  save(params: SaveParams, token?: vscode.CancellationToken) { return this.request<SaveResult>(Methods.save, params, token); }
  list(params: ListParams = {}, token?: vscode.CancellationToken) { return this.request<ListResult>(Methods.list, params, token); }
  show(params: ShowParams, token?: vscode.CancellationToken) { return this.request<ShowResult>(Methods.show, params, token); }
  diff(params: DiffParams, token?: vscode.CancellationToken) { return this.request<DiffResult>(Methods.diff, params, token); }
  resume(params: ResumeParams, token?: vscode.CancellationToken) { return this.request<ResumeResult>(Methods.resume, params, token); }
  verify(params: VerifyParams, token?: vscode.CancellationToken) { return this.request<VerifyResult>(Methods.verify, params, token); }
  delete(params: DeleteParams, token?: vscode.CancellationToken) { return this.request<DeleteResult>(Methods.delete, params, token); }
  prune(params: PruneParams, token?: vscode.CancellationToken) { return this.request<PruneResult>(Methods.prune, params, token); }
  fileContent(params: FileContentParams, token?: vscode.CancellationToken) { return this.request<FileContentResult>(Methods.fileContent, params, token); }
  note(params: NoteParams, token?: vscode.CancellationToken) { return this.request<NoteResult>(Methods.note, params, token); }
  push(params: TransferParams, token?: vscode.CancellationToken) { return this.request<TransferResult>(Methods.push, params, token); }
  pull(params: TransferParams, token?: vscode.CancellationToken) { return this.request<TransferResult>(Methods.pull, params, token); }
  remotes(token?: vscode.CancellationToken) { return this.request<RemoteListResult>(Methods.remotes, {}, token); }
  remoteCheckpoints(params: RemoteCheckpointsParams = {}, token?: vscode.CancellationToken) { return this.request<RemoteCheckpointsResult>(Methods.remoteCheckpoints, params, token); }

  /** workspace/executeCommand on the server (the lens commands). */
  async executeServerCommand<R>(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<R> {
    const client = await this.running();
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token)) as R;
  }

  private async request<R>(method: string, params: object, token?: vscode.CancellationToken): Promise<R> {
    const client = await this.running();
    return token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params);
  }

  private async running(): Promise<LanguageClient> {
    await this.started;
    if (!this.client) {
      throw this.startFailure ?? new Error('The Checkpoint server is not running.');
    }
    return this.client;
  }

  dispose(): void {
    this.changedEmitter.dispose();
  }
}
