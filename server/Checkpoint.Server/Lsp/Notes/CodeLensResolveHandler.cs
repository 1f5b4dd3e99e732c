namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// codeLens/resolve: the title and command of one lens from <see cref="CodeLensHandler"/>, read from the
/// note as it is now. A lens whose entry has changed since (the editor asks for new lenses after every
/// change) comes back as it was sent, without a command.
/// </summary>
internal sealed class CodeLensResolveHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace, LensData lensData)
{
    public const string Method = "codeLens/resolve";

    public ValueTask<CodeLens> HandleAsync(CodeLens lens, CancellationToken cancellationToken)
    {
        if (lens.Command is not null
            || !lensData.TryRead(lens.Data, out var uri, out var kind)
            || notes.TryGetOpen(uri) is not { } note)
        {
            return ValueTask.FromResult(lens);
        }

        var service = workspace.Value.Notes;
        var parsed = service.GetDocument(note, cancellationToken);
        var resolved = service.GetCodeLensesAt(parsed, lens.Range.Start.Line).FirstOrDefault(candidate => candidate.Kind == kind);
        return ValueTask.FromResult(resolved is null ? lens : NoteLspTranslation.ToLsp(resolved) with { Data = lens.Data });
    }
}
