using Checkpoint.Server.Lsp.Documents;
using Checkpoint.Server.Lsp.Lifecycle;
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

        // Lifecycle. Serial: nothing may run before initialize has recorded the client's
        // capabilities, and nothing but exit after shutdown.
        var initialize = new InitializeHandler(server.Lifecycle, server.Session, server.Capabilities, server.ClientWatcher, server.Loggers.CreateLogger<InitializeHandler>());
        rpc.OnRequest(InitializeHandler.Method, json.InitializeParams, json.InitializeResult, initialize.HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(InitializedHandler.Method, new InitializedHandler().HandleAsync, HandlerScheduling.Serial);
        rpc.OnRequest(ShutdownHandler.Method, new ShutdownHandler(server.Lifecycle, server.Loggers.CreateLogger<ShutdownHandler>()).HandleAsync, HandlerScheduling.Serial);

        // exit is Detached: it follows shutdown but must not wait for a stuck request.
        rpc.OnNotification(ExitHandler.Method, new ExitHandler(server.Lifecycle).HandleAsync, HandlerScheduling.Detached);

        // Document sync, full text. Serial: changes apply in the order sent, and a request sent
        // after a change sees the changed text.
        server.Capabilities.TextDocumentSync = new TextDocumentSyncOptions
        {
            OpenClose = true,
            Change = TextDocumentSyncKind.Full,
            Save = new SaveOptions { IncludeText = false },
        };
        rpc.OnNotification(DidOpenHandler.Method, json.DidOpenTextDocumentParams, new DidOpenHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidChangeHandler.Method, json.DidChangeTextDocumentParams, new DidChangeHandler(server.Documents, server.Loggers.CreateLogger<DidChangeHandler>()).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidCloseHandler.Method, json.DidCloseTextDocumentParams, new DidCloseHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);
        rpc.OnNotification(DidSaveHandler.Method, json.DidSaveTextDocumentParams, new DidSaveHandler(server.Documents).HandleAsync, HandlerScheduling.Serial);

        // Progress. Detached: it only flags a running operation.
        rpc.OnNotification(WorkDoneProgressCancelHandler.Method, json.WorkDoneProgressTokenParams, new WorkDoneProgressCancelHandler(server.Progress).HandleAsync, HandlerScheduling.Detached);

        // Note features — textDocument/codeLens, textDocument/documentSymbol,
        // textDocument/completion, workspace/executeCommand — are registered here, each with its
        // capability (server.Capabilities.CodeLensProvider, DocumentSymbolProvider,
        // CompletionProvider, ExecuteCommandProvider.Commands), once Checkpoint.Core/Notes exists.
        // They only read documents: Concurrent.

        // Checkpoint's own requests (checkpoint/save, list, show, diff, resume, verify, delete,
        // prune, fileContent, note; Methods in vscode-checkpoint/src/client/protocol.ts) are
        // registered here once the engine exists. Detached: they work on the store, not on open
        // documents, may take seconds, and the store serialises its own writers.
    }
}
