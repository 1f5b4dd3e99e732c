namespace Checkpoint.Server.Lsp.Documents;

/// <summary>textDocument/didClose: stops tracking the document.</summary>
internal sealed class DidCloseHandler(TextDocumentStore documents)
{
    public const string Method = "textDocument/didClose";

    public ValueTask HandleAsync(DidCloseTextDocumentParams parameters, CancellationToken cancellationToken)
    {
        documents.Close(parameters.TextDocument.Uri);
        return ValueTask.CompletedTask;
    }
}
