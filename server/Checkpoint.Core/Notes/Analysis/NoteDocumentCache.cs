using System.Collections.Concurrent;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// One parse per document version: every feature asks here, so lenses, symbols and diagnostics of the
/// same version share one <see cref="NoteDocument"/>. A new version replaces the old parse.
/// </summary>
public sealed class NoteDocumentCache
{
    private readonly ConcurrentDictionary<string, NoteDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>The parse of this exact version, parsing it when it is not cached yet.</summary>
    public NoteDocument Get(NoteTextDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_documents.TryGetValue(document.Uri, out var cached) && cached.Version == document.Version) return cached;

        // Parse outside any lock: two racing requests may both parse, which is harmless, and a
        // cancelled parse throws before anything is stored.
        var parsed = NoteParser.Parse(document.Text, document.Uri, document.Version, cancellationToken);
        return _documents.AddOrUpdate(
            document.Uri,
            parsed,
            (_, existing) => existing.Version == parsed.Version ? existing : parsed);
    }

    /// <summary>Drops the parse of a document (on change or close).</summary>
    public void Remove(string uri) => _documents.TryRemove(uri, out _);

    /// <summary>How many documents are cached.</summary>
    public int Count => _documents.Count;
}
