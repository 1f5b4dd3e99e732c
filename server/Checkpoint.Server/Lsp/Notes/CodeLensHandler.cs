namespace Checkpoint.Server.Lsp.Notes;

/// <summary>textDocument/codeLens: the notes service's lenses on every entry heading, with protocol.ts' command ids.</summary>
internal sealed class CodeLensHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace)
{
    public const string Method = "textDocument/codeLens";

    public ValueTask<IReadOnlyList<CodeLens>> HandleAsync(CodeLensParams parameters, CancellationToken cancellationToken)
    {
        if (notes.TryGetOpen(parameters.TextDocument.Uri) is not { } note)
        {
            return ValueTask.FromResult<IReadOnlyList<CodeLens>>([]);
        }

        var lenses = workspace.Value.Notes.GetCodeLenses(note, cancellationToken);
        return ValueTask.FromResult<IReadOnlyList<CodeLens>>([.. lenses.Select(NoteLspTranslation.ToLsp)]);
    }
}
