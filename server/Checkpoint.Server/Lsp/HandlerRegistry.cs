using Checkpoint.Server.Json;
using Checkpoint.Server.Lsp.Checkpoints;
using Checkpoint.Server.Lsp.Documents;
using Checkpoint.Server.Lsp.Lifecycle;
using Checkpoint.Server.Lsp.Notes;
using Checkpoint.Server.Lsp.Progress;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Every LSP method the server handles, registered in this one place together with the capability
/// it advertises.
/// </summary>
/// <remarks>
/// Ordering rule (see <see cref="HandlerScheduling"/>), a readers–writer lock in arrival order:
/// <list type="bullet">
/// <item>Serial — changes state later messages read (documents, the lifecycle). Runs alone, after
/// everything that arrived before it; everything after it sees its effect.</item>
/// <item>Concurrent — reads that state (code lenses, symbols, completion). Runs in parallel with
/// other concurrent messages; the state cannot change under it.</item>
/// <item>Detached — long work that reads no such state (checkpoint/* requests on the store).
/// Waits for earlier serial messages only, so document sync never waits for it.</item>
/// </list>
/// A serial handler must be quick and must never wait for a client response: every message
/// behind it waits too. A concurrent handler that waits for the client holds back later document
/// changes (responses themselves are never held back).
/// </remarks>
internal static class HandlerRegistry
{
    public static void RegisterAll(LanguageServer server)
    {
        IJsonRpcConnection rpc = server.Connection;
        LspJsonContext json = LspJsonContext.Default;
        rpc.UseAdmission(server.Lifecycle.Admit);

        // The workspace (root, engine, notes folder) is known once initialize has been recorded;
        // the admission rule guarantees nothing below runs before that.
        var workspace = new Lazy<CheckpointWorkspace>(() => CheckpointWorkspace.FromSession(server.Session));

        // Lifecycle. Serial: nothing may run before initialize has recorded the client's
        // capabilities, and nothing but exit after shutdown.
        var initialize = new InitializeHandler(server.Lifecycle, server.Session, server.Capabilities, server.ClientWatcher, server.Loggers.CreateLogger<InitializeHandler>());
        rpc.OnRequest(InitializeHandler.Method, json.InitializeParams, json.InitializeResult, initialize.HandleAsync, HandlerScheduling.Serial);
        // initialized also starts watching the store for checkpoint/changed.
        var initialized = new InitializedHandler();
        var storeChanges = new StoreChangeNotifier(rpc, workspace, server.Loggers.CreateLogger<StoreChangeNotifier>());
        rpc.OnNotification(InitializedHandler.Method, async (parameters, cancellationToken) =>
        {
            await initialized.HandleAsync(parameters, cancellationToken).ConfigureAwait(false);
            storeChanges.Start();
        }, HandlerScheduling.Serial);
        rpc.OnRequest(ShutdownHandler.Method, new ShutdownHandler(server.Lifecycle, server.Loggers.CreateLogger<ShutdownHandler>()).HandleAsync, HandlerScheduling.Serial);

        // exit is Detached: it follows shutdown but must not wait for a stuck request.
        rpc.OnNotification(ExitHandler.Method, new ExitHandler(server.Lifecycle).HandleAsync, HandlerScheduling.Detached);

        // Document sync, incremental: the editor sends the edited ranges, not the whole note again (a 1 MB
        // note cost ~9 ms of JSON decoding per keystroke in full sync). Serial: changes apply in the order
        // sent, and a request sent after a change sees the changed text.
        server.Capabilities.TextDocumentSync = new TextDocumentSyncOptions
        {
            OpenClose = true,
            Change = TextDocumentSyncKind.Incremental,
            Save = new SaveOptions { IncludeText = false },
        };
        rpc.OnNotification(DidOpenHandler.Method, json.DidOpenTextDocumentParams, new DidOpenHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidChangeHandler.Method, json.DidChangeTextDocumentParams, new DidChangeHandler(server.Documents, server.Loggers.CreateLogger<DidChangeHandler>()).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidCloseHandler.Method, json.DidCloseTextDocumentParams, new DidCloseHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidSaveHandler.Method, json.DidSaveTextDocumentParams, new DidSaveHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);
        // What a closed document held is released: the notes' parse goes with it (OpenNotes), and the memory
        // of a large one goes back to the system (README: the language server's memory).
        var closedDocuments = new ClosedDocumentMemory(server.Documents, server.Loggers.CreateLogger<ClosedDocumentMemory>());
        rpc.Closing.Register(closedDocuments.Dispose);

        // Progress. Detached: it only flags a running operation.
        rpc.OnNotification(WorkDoneProgressCancelHandler.Method, json.WorkDoneProgressTokenParams, new WorkDoneProgressCancelHandler(server.Progress).HandleAsync, HandlerScheduling.Detached);

        // Note features for markdown files under the notes folder: the Core notes service's results
        // translated to LSP. Concurrent: they only read documents (one parse per version, cached).
        // Serializer contexts other than the lifecycle's are created on first use, after initialize has been answered.
        static LspFeatureJsonContext Features() => LspFeatureJsonContext.Default;
        var notes = new OpenNotes(server.Documents, workspace);
        var lensData = new LensData();
        server.Capabilities.CodeLensProvider = new CodeLensOptions { ResolveProvider = true };
        rpc.OnRequest(CodeLensHandler.Method, () => Features().CodeLensParams, () => Features().SerializedJson, new CodeLensHandler(notes, workspace, lensData).HandleAsync);
        rpc.OnRequest(CodeLensResolveHandler.Method, () => Features().CodeLens, () => Features().CodeLens, new CodeLensResolveHandler(notes, workspace, lensData).HandleAsync);
        server.Capabilities.DocumentSymbolProvider = true;
        rpc.OnRequest(DocumentSymbolHandler.Method, () => Features().DocumentSymbolParams, () => Features().IReadOnlyListDocumentSymbol, new DocumentSymbolHandler(notes, workspace).HandleAsync);
        server.Capabilities.CompletionProvider = new CompletionOptions { TriggerCharacters = CompletionHandler.TriggerCharacters };
        rpc.OnRequest(CompletionHandler.Method, () => Features().CompletionParams, () => Features().IReadOnlyListCompletionItem, new CompletionHandler(notes, workspace).HandleAsync);
        var diagnostics = new NoteDiagnosticsPublisher(rpc, server.Documents, notes, workspace, server.Loggers.CreateLogger<NoteDiagnosticsPublisher>());
        rpc.Closing.Register(diagnostics.Dispose);

        // Lens commands the server runs. Detached: snapshotNow saves the whole workspace and waits
        // for the client's workspace/applyEdit answer; document sync must not wait for either (open
        // documents are immutable snapshots, safe to read alongside changes).
        server.Capabilities.ExecuteCommandProvider = new ExecuteCommandOptions { Commands = [.. LensCommands.ServerSide] };
        var executeCommand = new ExecuteCommandHandler(
            new ResumeBriefCommand(notes, workspace),
            new SnapshotNowCommand(rpc, server.Session, notes, workspace, server.Progress, server.Loggers.CreateLogger<SnapshotNowCommand>()));
        rpc.OnCheckpointRequest(ExecuteCommandHandler.Method, () => Features().ExecuteCommandParams, () => Features().JsonElement, executeCommand.HandleAsync);

        // Checkpoint's own requests (Methods in vscode-checkpoint/src/client/protocol.ts): the CLI
        // verbs' engine calls, errors mapped by CheckpointErrorTranslation. Detached: they work on
        // the store, not on open documents, may take seconds, and the store serialises its own writers.
        static CheckpointProtocolJsonContext Checkpoints() => CheckpointProtocolJsonContext.Default;
        static CheckpointJsonContext Results() => CheckpointJsonContext.Default;
        rpc.OnCheckpointRequest(CheckpointMethods.Save, () => Checkpoints().SaveParams, () => Results().SaveResult, new SaveHandler(workspace, server.Progress).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.List, () => Checkpoints().ListParams, () => Results().ListResult, new ListHandler(workspace).HandleAsync, whenOmitted: new ListParams());
        rpc.OnCheckpointRequest(CheckpointMethods.Show, () => Checkpoints().CheckpointRefParams, () => Results().CheckpointDetail, new ShowHandler(workspace).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.Diff, () => Checkpoints().DiffParams, () => Results().DiffResult, new DiffHandler(workspace).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.Resume, () => Checkpoints().ResumeParams, () => Results().ResumeResult, new ResumeHandler(workspace, server.Progress).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.Verify, () => Checkpoints().VerifyParams, () => Results().VerifyResult, new VerifyHandler(workspace, server.Progress).HandleAsync, whenOmitted: new VerifyParams());
        rpc.OnCheckpointRequest(CheckpointMethods.Delete, () => Checkpoints().DeleteParams, () => Results().DeleteResult, new DeleteHandler(workspace).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.Prune, () => Checkpoints().PruneParams, () => Results().PruneResult, new PruneHandler(workspace).HandleAsync, whenOmitted: new PruneParams());
        rpc.OnCheckpointRequest(CheckpointMethods.Note, () => Checkpoints().NoteParams, () => Results().WrittenNote, new NoteHandler(workspace, TimeProvider.System).HandleAsync);
        rpc.OnCheckpointRequest(CheckpointMethods.FileContent, () => Checkpoints().FileContentParams, () => Checkpoints().FileContentResult, new FileContentHandler(workspace).HandleAsync);
        // Remotes. Detached like the rest: a push or pull waits on the network, for minutes on a slow link.
        rpc.OnCheckpointRequest(RemoteMethods.Push, () => Checkpoints().TransferParams, () => Results().TransferResult, new PushHandler(workspace, server.Progress).HandleAsync, whenOmitted: new TransferParams());
        rpc.OnCheckpointRequest(RemoteMethods.Pull, () => Checkpoints().TransferParams, () => Results().TransferResult, new PullHandler(workspace, server.Progress).HandleAsync, whenOmitted: new TransferParams());
        rpc.OnCheckpointRequest(RemoteMethods.Remotes, () => Checkpoints().RemoteCheckpointsParams, () => Results().RemoteListResult, new RemotesHandler(workspace).HandleAsync, whenOmitted: new RemoteCheckpointsParams());
        rpc.OnCheckpointRequest(RemoteMethods.RemoteCheckpoints, () => Checkpoints().RemoteCheckpointsParams, () => Results().RemoteCheckpointsResult, new RemoteCheckpointsHandler(workspace).HandleAsync, whenOmitted: new RemoteCheckpointsParams());
    }
}
