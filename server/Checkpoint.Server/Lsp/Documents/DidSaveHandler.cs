namespace Checkpoint.Server.Lsp.Documents;

/// <summary>textDocument/didSave: the text is already current (didChange precedes a save); tells the store's listeners.</summary>
internal sealed class DidSaveHandler(TextDocumentStore documents)
{
    public const string Method = "textDocument/didSave";

    public ValueTask HandleAsync(DidSaveTextDocumentParams parameters, CancellationToken cancellationToken)
    {
        documents.MarkSaved(parameters.TextDocument.Uri);
        return ValueTask.CompletedTask;
    }
}
