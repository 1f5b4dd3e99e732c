using System.Collections.Concurrent;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// One parse per document version: every feature asks here, so lenses, symbols and diagnostics of the
/// same version share one <see cref="NoteDocument"/>. A new version replaces the old parse, re-parsing
/// only the entries whose text changed (<see cref="IncrementalNoteParser"/>); a note longer than the
/// full-feature limit is read as an outline instead (<see cref="NoteOutlineParser"/>), and then nothing of
/// its earlier parses is kept.
/// </summary>
public sealed class NoteDocumentCache
{
    private readonly ConcurrentDictionary<string, DocumentState> _documents = new(StringComparer.Ordinal);
    private readonly int _maxFullFeatureLength;

    /// <param name="maxFullFeatureLength">See <see cref="NoteLanguageServiceOptions.MaxFullFeatureLength"/>.</param>
    public NoteDocumentCache(int maxFullFeatureLength = NoteLanguageServiceOptions.DefaultMaxFullFeatureLength) =>
        _maxFullFeatureLength = maxFullFeatureLength;

    /// <summary>The parse of this exact version, parsing it when it is not cached yet.</summary>
    public NoteDocument Get(NoteTextDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = _documents.GetOrAdd(document.Uri, _ => new DocumentState());
        if (state.Latest is { } latest && latest.Version == document.Version && ReferenceEquals(latest.Text, document.Text)) return latest;

        // One parse at a time per document: racing requests for the same version wait for the first
        // one's result instead of parsing again, and the slice cache is never shared between threads.
        lock (state)
        {
            if (state.Latest is { } current && current.Version == document.Version && IsSameText(current.Text, document.Text)) return current;
            NoteDocument parsed;
            if (document.Text.Length > _maxFullFeatureLength)
            {
                state.Parser = null; // its slices hold a copy of the text and every entry's parse
                state.Latest = null;
                parsed = NoteOutlineParser.Parse(document.Text, document.Uri, document.Version, cancellationToken);
            }
            else
            {
                state.Parser ??= new IncrementalNoteParser();
                parsed = state.Parser.Parse(document.Text, document.Uri, document.Version, cancellationToken);
            }
            state.Latest = parsed;
            return parsed;
        }
    }

    /// <summary>Drops the parse of a document (on change or close).</summary>
    public void Remove(string uri) => _documents.TryRemove(uri, out _);

    /// <summary>How many documents have a parse cached (a cancelled first parse leaves none).</summary>
    public int Count => _documents.Values.Count(state => state.Latest is not null);

    // The same version number can come with other text (a note read from disk has one fixed version).
    private static bool IsSameText(string cached, string text) => ReferenceEquals(cached, text) || string.Equals(cached, text, StringComparison.Ordinal);

    private sealed class DocumentState
    {
        public IncrementalNoteParser? Parser { get; set; }

        public NoteDocument? Latest { get; set; }
    }
}
