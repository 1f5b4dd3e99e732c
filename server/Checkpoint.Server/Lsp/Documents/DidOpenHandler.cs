namespace Checkpoint.Server.Lsp.Documents;

/// <summary>textDocument/didOpen: starts tracking the document's text.</summary>
internal sealed class DidOpenHandler(TextDocumentStore documents)
{
    public const string Method = "textDocument/didOpen";

    public ValueTask HandleAsync(DidOpenTextDocumentParams parameters, CancellationToken cancellationToken)
    {
        documents.Open(parameters.TextDocument);
        return ValueTask.CompletedTask;
    }
}
