using System.Collections.Concurrent;
using Checkpoint.Core.Notes.Analysis;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// What an unresolved lens carries for codeLens/resolve: <c>[document, kind]</c>, two small numbers.
/// The document is a number this server gave the note's uri (a resolve request names no document, and
/// the uri repeated on thousands of lenses was most of the answer's size); the line is the lens's own
/// range, the kind says which of the entry's lenses it is.
/// </summary>
internal sealed class LensData
{
    private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _uris = new();
    private int _last = -1;

    /// <summary>The number of <paramref name="uri"/>, given on first use and kept for the session.</summary>
    public int NumberOf(string uri) => _numbers.GetOrAdd(uri, key =>
    {
        var number = Interlocked.Increment(ref _last);
        _uris[number] = key;
        return number;
    });

    /// <summary>The data of a lens of <paramref name="kind"/> on the note numbered <paramref name="document"/>.</summary>
    public static IReadOnlyList<int> For(int document, NoteCodeLensKind kind) => [document, (int)kind];

    /// <summary>The note and lens kind <paramref name="data"/> names; false for data this server did not write.</summary>
    public bool TryRead(IReadOnlyList<int>? data, out string uri, out NoteCodeLensKind kind)
    {
        uri = "";
        kind = default;
        if (data is not [var document, var kindNumber] || !Enum.IsDefined((NoteCodeLensKind)kindNumber) || !_uris.TryGetValue(document, out var known))
        {
            return false;
        }
        uri = known;
        kind = (NoteCodeLensKind)kindNumber;
        return true;
    }
}
