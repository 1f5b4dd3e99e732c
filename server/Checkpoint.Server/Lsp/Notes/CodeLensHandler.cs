using System.Runtime.CompilerServices;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// textDocument/codeLens: the notes service's lenses on every entry heading. A note of up to
/// <see cref="EagerLensLimit"/> lenses (a day has tens) gets them whole, titles and commands, so they
/// show at once. A larger one gets each lens's range and the <see cref="LensData"/> that
/// codeLens/resolve turns into its title and command: the editor resolves only the lenses on screen,
/// and a note of thousands of entries answers with ranges and two numbers a lens instead of every
/// title, command id and uri (0.6 MB instead of 1.5 MB for the 1 MB benchmark note).
/// </summary>
/// <remarks>
/// Answers are kept at two levels. The whole answer is kept with the parse it came from: asking again
/// for the same version (VS Code does on scrolls and focus changes) costs no work, and a new version or
/// a reopened note has a new parse, hence a new answer. Each entry's part is kept with the entry: a new
/// version reuses the entry objects it did not re-parse or move (see the notes' incremental parser),
/// so typing in one entry of a large note serialises that entry's lenses only.
/// </remarks>
internal sealed class CodeLensHandler(OpenNotes notes, Lazy<CheckpointWorkspace> workspace, LensData lensData)
{
    public const string Method = "textDocument/codeLens";

    /// <summary>The most lenses a note gets with their commands; beyond, they come to be resolved.</summary>
    public const int EagerLensLimit = 500;

    private static readonly SerializedJson NoLenses = new("[]"u8.ToArray());

    private readonly ConditionalWeakTable<NoteDocument, SerializedJson> _answers = [];
    private readonly ConditionalWeakTable<NoteEntry, byte[]> _wholeParts = [];
    private readonly ConditionalWeakTable<NoteEntry, byte[]> _unresolvedParts = [];

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
        var whole = CountLenses(parsed) <= EagerLensLimit;
        var cache = whole ? _wholeParts : _unresolvedParts;
        var parts = new byte[parsed.Entries.Count][];
        for (var i = 0; i < parts.Length; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            var entry = parsed.Entries[i];
            if (!cache.TryGetValue(entry, out var part))
            {
                var lenses = service.GetCodeLenses(parsed, entry);
                if (lenses.Count == 0)
                {
                    // An outline-only note's entries (tens of thousands) have none: nothing to write or keep.
                    parts[i] = [];
                    continue;
                }

                part = CodeLensJson.SerializeItems([.. lenses.Select(lens => whole
                    ? NoteLspTranslation.ToLsp(lens)
                    : new CodeLens(NoteLspTranslation.ToLsp(lens.Range), Data: LensData.For(document, lens.Kind)))]);
                cache.AddOrUpdate(entry, part);
            }
            parts[i] = part;
        }

        answer = CodeLensJson.Join(parts);
        _answers.AddOrUpdate(parsed, answer);
        return ValueTask.FromResult(answer);
    }

    // Two to four lenses an entry (see NoteCodeLensProvider): counting entries is enough to choose.
    private static int CountLenses(NoteDocument parsed) => parsed.Entries.Count * 4;
}
