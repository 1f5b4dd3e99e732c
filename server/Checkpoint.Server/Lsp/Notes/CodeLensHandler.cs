using System.Runtime.CompilerServices;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// textDocument/codeLens: where the notes service puts lenses (every entry heading), each with the
/// <see cref="LensData"/> that codeLens/resolve turns into its title and command. The editor resolves
/// only the lenses on screen, so a note of thousands of entries answers with ranges and two numbers a
/// lens instead of every title, command id and uri. The serialised answer is kept with the parse it
/// came from: asking again for the same version (VS Code does on scrolls and focus changes) costs no
/// work, and a new version or a reopened note has a new parse, hence a new answer.
/// </summary>
internal sealed class CodeLensHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace, LensData lensData)
{
    public const string Method = "textDocument/codeLens";

    private static readonly SerializedJson NoLenses = new("[]"u8.ToArray());

    private readonly ConditionalWeakTable<NoteDocument, SerializedJson> _answers = [];

    public ValueTask<SerializedJson> HandleAsync(CodeLensParams parameters, CancellationToken cancellationToken)
    {
        if (notes.TryGetOpen(parameters.TextDocument.Uri) is not { } note)
        {
            return ValueTask.FromResult(NoLenses);
        }

        var service = workspace.Value.Notes;
        var parsed = service.GetDocument(note, cancellationToken);
        if (_answers.TryGetValue(parsed, out var answer))
        {
            return ValueTask.FromResult(answer);
        }

        var document = lensData.NumberOf(note.Uri);
        var lenses = service.GetCodeLenses(parsed, cancellationToken);
        answer = CodeLensJson.Serialize([.. lenses.Select(lens => new CodeLens(NoteLspTranslation.ToLsp(lens.Range), Data: LensData.For(document, lens.Kind)))]);
        _answers.AddOrUpdate(parsed, answer);
        return ValueTask.FromResult(answer);
    }
}
