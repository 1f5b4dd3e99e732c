using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Documents;

/// <summary>textDocument/didChange: replaces (or patches) the tracked text.</summary>
internal sealed class DidChangeHandler(TextDocumentStore documents, ILogger<DidChangeHandler> logger)
{
    public const string Method = "textDocument/didChange";

    public ValueTask HandleAsync(DidChangeTextDocumentParams parameters, CancellationToken cancellationToken)
    {
        if (documents.Change(parameters.TextDocument, parameters.ContentChanges) is null)
        {
            logger.LogWarning("Ignored a change to {Uri}, which is not open.", parameters.TextDocument.Uri);
        }

        return ValueTask.CompletedTask;
    }
}
