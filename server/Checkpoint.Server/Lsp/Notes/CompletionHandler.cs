namespace Checkpoint.Server.Lsp.Notes;

/// <summary>textDocument/completion: the five templates as snippets at the start of a line.</summary>
internal sealed class CompletionHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace)
{
    public const string Method = "textDocument/completion";

    /// <summary>Typing a heading's <c>#</c> at the start of a line asks for the templates right away.</summary>
    public static IReadOnlyList<string> TriggerCharacters { get; } = ["#"];

    public ValueTask<IReadOnlyList<CompletionItem>> HandleAsync(CompletionParams parameters, CancellationToken cancellationToken)
    {
        if (notes.TryGetOpen(parameters.TextDocument.Uri) is not { } note)
        {
            return ValueTask.FromResult<IReadOnlyList<CompletionItem>>([]);
        }

        var items = workspace.Value.Notes.GetCompletions(note, NoteLspTranslation.FromLsp(parameters.Position), cancellationToken);
        return ValueTask.FromResult<IReadOnlyList<CompletionItem>>([.. items.Select(NoteLspTranslation.ToLsp)]);
    }
}
