/**
 * The typed face of the language client: one method per custom request of protocol.ts, plus the
 * `checkpoint/changed` notification. Features depend on this class, never on the transport.
 * Until the server is up, requests wait for it; when it could not start, every request fails
 * with the reason it could not start, so each command reports it instead of failing silently.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, type RequestType } from 'vscode-languageclient/node';
import { ChangeEchoFilter, SharedListing } from '../model/storeChanges';
import {
  Notifications,
  Requests,
  type ChangedParams,
  type DeleteParams,
  type DiffParams,
  type FileContentParams,
  type ListParams,
  type ListResult,
  type NoteParams,
  type PruneParams,
  type RemoteCheckpointsParams,
  type ResumeParams,
  type SaveParams,
  type ShowParams,
  type TransferParams,
  type VerifyParams,
} from './protocol';

export class CheckpointClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private startFailure: Error | undefined;
  private readonly started: Promise<void>;
  private markStarted!: () => void;
  private readonly changedEmitter = new vscode.EventEmitter<ChangedParams>();
  private readonly echoes = new ChangeEchoFilter();
  private readonly listing = new SharedListing<ListResult>(() => this.list({}));

  /** Fires when the store changed (any process), as reported by the server. */
  readonly onDidChange = this.changedEmitter.event;

  constructor() {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  /** Called once the language client runs; wires the change notification. */
  attach(client: LanguageClient): void {
    this.client = client;
    client.onNotification(Notifications.changed, (params) => {
      if (this.echoes.notified(params?.ids)) {
        this.changed(params ?? {});
      }
    });
    this.markStarted();
  }

  /** Called when the server could not be located or started; requests then fail with this error. */
  fail(error: Error): void {
    this.startFailure = error;
    this.markStarted();
  }

  /** Lets features refresh after their own writes even when the server sends no notification. */
  announceChange(params: ChangedParams = {}): void {
    this.echoes.announce(params.ids);
    this.changed(params);
  }

  /** Every checkpoint of the store, read once per change however many views show it. */
  checkpoints(): Promise<ListResult> {
    return this.listing.get();
  }

  private changed(params: ChangedParams): void {
    this.listing.invalidate();
    this.changedEmitter.fire(params);
  }

  save(params: SaveParams, token?: vscode.CancellationToken) { return this.request(Requests.save, params, token); }
  list(params: ListParams = {}, token?: vscode.CancellationToken) { return this.request(Requests.list, params, token); }
  show(params: ShowParams, token?: vscode.CancellationToken) { return this.request(Requests.show, params, token); }
  diff(params: DiffParams, token?: vscode.CancellationToken) { return this.request(Requests.diff, params, token); }
  resume(params: ResumeParams, token?: vscode.CancellationToken) { return this.request(Requests.resume, params, token); }
  verify(params: VerifyParams, token?: vscode.CancellationToken) { return this.request(Requests.verify, params, token); }
  delete(params: DeleteParams, token?: vscode.CancellationToken) { return this.request(Requests.delete, params, token); }
  prune(params: PruneParams, token?: vscode.CancellationToken) { return this.request(Requests.prune, params, token); }
  fileContent(params: FileContentParams, token?: vscode.CancellationToken) { return this.request(Requests.fileContent, params, token); }
  note(params: NoteParams, token?: vscode.CancellationToken) { return this.request(Requests.note, params, token); }
  push(params: TransferParams, token?: vscode.CancellationToken) { return this.request(Requests.push, params, token); }
  pull(params: TransferParams, token?: vscode.CancellationToken) { return this.request(Requests.pull, params, token); }
  remotes(token?: vscode.CancellationToken) { return this.request(Requests.remotes, {}, token); }
  remoteCheckpoints(params: RemoteCheckpointsParams = {}, token?: vscode.CancellationToken) { return this.request(Requests.remoteCheckpoints, params, token); }

  /** workspace/executeCommand on the server (the lens commands). */
  async executeServerCommand<R>(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<R> {
    const client = await this.running();
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token)) as R;
  }

  private async request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const client = await this.running();
    return client.sendRequest(type, params, token);
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
