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
/// Ordering rule (see <see cref="HandlerScheduling"/>): a Serial message runs alone, in arrival
/// order after the serial messages before it, and every message that arrives after it waits for
/// it. Concurrent messages run in parallel. Register as Serial whatever changes state that later
/// requests read (documents, the lifecycle); register as Concurrent whatever only reads it, and
/// anything slow. A serial handler must be quick and must never wait for a client response (the
/// messages behind it would wait too).
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
        rpc.OnNotification(ExitHandler.Method, new ExitHandler(server.Lifecycle).HandleAsync, HandlerScheduling.Serial);

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

        // Progress. Concurrent: it only flags a running operation.
        rpc.OnNotification(WorkDoneProgressCancelHandler.Method, json.WorkDoneProgressTokenParams, new WorkDoneProgressCancelHandler(server.Progress).HandleAsync);

        // Note features — textDocument/codeLens, textDocument/documentSymbol,
        // textDocument/completion, workspace/executeCommand — are registered here, each with its
        // capability (server.Capabilities.CodeLensProvider, DocumentSymbolProvider,
        // CompletionProvider, ExecuteCommandProvider.Commands), once Checkpoint.Core/Notes exists.
        // They only read documents: Concurrent.

        // Checkpoint's own requests (checkpoint/save, list, show, diff, resume, verify, delete,
        // prune, fileContent, note; Methods in vscode-checkpoint/src/client/protocol.ts) are
        // registered here once the engine exists. Concurrent: the store serialises its writers.
    }
}
