using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Parses the versions of one document, re-parsing only the entries whose text changed. The note is cut
/// at column-0 entry headings (<see cref="EntryStartScan"/>); each slice's parse is kept with its exact
/// text and reused, moved to its new line, while the slice is unchanged. Typing in one entry of a 1 MB
/// note then costs a line scan and one small Markdig parse instead of a Markdig parse of the whole note.
/// The result equals <see cref="NoteParser.Parse"/> of the whole text.
/// </summary>
/// <remarks>
/// An edit changes the slices it touches and leaves the ones before it at the same index and the ones
/// after it at the same distance from the end, so each new slice is compared (a vectorised memory
/// compare, no hashing) with the previous version's slice at those two places only.
/// Not thread-safe: the caller serialises calls (see <see cref="Analysis.NoteDocumentCache"/>).
/// </remarks>
internal sealed class IncrementalNoteParser
{
    private readonly EntryStartScan _scan = new();

    // The slices of the last parsed version in source order.
    private ParsedSlice[] _slices = [];

    /// <summary>How many slices the last call parsed with Markdig (the rest came from the previous version).</summary>
    public int LastParsedSliceCount { get; private set; }

    public NoteDocument Parse(string text, string uri, int version, CancellationToken cancellationToken)
    {
        var lines = new LineMap(text);
        var cuts = _scan.CutLines(lines, cancellationToken);
        var previous = _slices;
        var slices = new List<ParsedSlice>(cuts.Count);
        var entries = new List<NoteEntry>(cuts.Count);
        string? title = null;
        var parsedCount = 0;

        for (var i = 0; i < cuts.Count; i++)
        {
            var startLine = cuts[i];
            var start = lines.Start(startLine);
            var end = i + 1 < cuts.Count ? lines.Start(cuts[i + 1]) : text.Length;
            var fromEnd = cuts.Count - i;
            var slice = Reuse(previous, i, previous.Length - fromEnd, text.AsSpan(start, end - start));
            if (slice is null)
            {
                slice = ParseSlice(text, start, end, cancellationToken);
                parsedCount++;
            }
            if (slice.EndsOpen && i + 1 < cuts.Count)
            {
                // The next cut is inside this slice's open block: parse the rest of the note as one slice.
                slice = Reuse(previous, i, previous.Length - 1, text.AsSpan(start)) ?? ParseSlice(text, start, text.Length, cancellationToken);
                i = cuts.Count;
            }
            if (startLine == 0) title = slice.Title;
            slices.Add(slice);
            entries.AddRange(slice.EntriesAt(startLine));
        }

        _slices = [.. slices];
        LastParsedSliceCount = parsedCount;
        return new NoteDocument(uri, version, text, lines, title, entries);
    }

    private static ParsedSlice? Reuse(ParsedSlice[] previous, int sameIndex, int sameFromEnd, ReadOnlySpan<char> text)
    {
        if (sameIndex < previous.Length && previous[sameIndex].Text.AsSpan().SequenceEqual(text)) return previous[sameIndex];
        if (sameFromEnd >= 0 && sameFromEnd < previous.Length && previous[sameFromEnd].Text.AsSpan().SequenceEqual(text)) return previous[sameFromEnd];
        return null;
    }

    private static ParsedSlice ParseSlice(string text, int start, int end, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sliceText = text[start..end];
        var parsed = NoteParser.ParseText(sliceText, cancellationToken);
        return new ParsedSlice(sliceText, parsed.Title, parsed.Entries, parsed.EndsOpen);
    }

    /// <summary>One slice's parse, lines counted from the slice's start, and its entries where last placed.</summary>
    private sealed class ParsedSlice(string text, string? title, IReadOnlyList<NoteEntry> entries, bool endsOpen)
    {
        private (int StartLine, IReadOnlyList<NoteEntry> Entries) _placed = (0, entries);

        public string Text => text;

        public string? Title => title;

        public bool EndsOpen => endsOpen;

        /// <summary>The entries moved to <paramref name="startLine"/>; the last placement is kept, since most slices stay put.</summary>
        public IReadOnlyList<NoteEntry> EntriesAt(int startLine)
        {
            var placed = _placed;
            if (placed.StartLine == startLine) return placed.Entries;
            var moved = LineShift.Entries(entries, startLine);
            _placed = (startLine, moved);
            return moved;
        }
    }
}
