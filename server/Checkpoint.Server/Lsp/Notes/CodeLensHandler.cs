using System.Runtime.CompilerServices;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// textDocument/codeLens: the notes service's lenses on every entry heading, with protocol.ts' command ids.
/// The serialised answer is kept with the parse it came from, so asking again for the same version
/// (VS Code does on every scroll and focus change) costs no work; a new version or a closed document
/// has a new parse, hence a new answer.
/// </summary>
internal sealed class CodeLensHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace)
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

        var lenses = service.GetCodeLenses(parsed, cancellationToken);
        answer = CodeLensJson.Serialize([.. lenses.Select(NoteLspTranslation.ToLsp)]);
        _answers.AddOrUpdate(parsed, answer);
        return ValueTask.FromResult(answer);
    }
}
