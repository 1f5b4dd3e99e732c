namespace Checkpoint.Server.Lsp.Notes;

/// <summary>textDocument/documentSymbol: the day's outline — entries, a Full checkpoint's sections, fields.</summary>
internal sealed class DocumentSymbolHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace)
{
    public const string Method = "textDocument/documentSymbol";

    public ValueTask<IReadOnlyList<DocumentSymbol>> HandleAsync(DocumentSymbolParams parameters, CancellationToken cancellationToken)
    {
        if (notes.TryGetOpen(parameters.TextDocument.Uri) is not { } note)
        {
            return ValueTask.FromResult<IReadOnlyList<DocumentSymbol>>([]);
        }

        var symbols = workspace.Value.Notes.GetDocumentSymbols(note, cancellationToken);
        return ValueTask.FromResult<IReadOnlyList<DocumentSymbol>>([.. symbols.Select(NoteLspTranslation.ToLsp)]);
    }
}
