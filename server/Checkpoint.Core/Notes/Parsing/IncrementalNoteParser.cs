using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Parses the versions of one document, re-parsing only the entries whose text changed. The note is cut
/// at column-0 entry headings (<see cref="EntryStartScan"/>); each slice's parse is kept under its exact
/// text and reused, moved to its new line, while the slice is unchanged. Typing in one entry of a 1 MB
/// note then costs a line scan and one small Markdig parse instead of a Markdig parse of the whole note.
/// The result equals <see cref="NoteParser.Parse"/> of the whole text.
/// </summary>
/// <remarks>Not thread-safe: the caller serialises calls (see <see cref="Analysis.NoteDocumentCache"/>).</remarks>
internal sealed class IncrementalNoteParser
{
    // The slices of the last parsed version, by their exact text; the next version keeps the ones it reuses.
    private Dictionary<string, ParsedSlice> _slices = new(StringComparer.Ordinal);

    /// <summary>How many slices the last call parsed with Markdig (the rest came from the previous version).</summary>
    public int LastParsedSliceCount { get; private set; }

    public NoteDocument Parse(string text, string uri, int version, CancellationToken cancellationToken)
    {
        var lines = new LineMap(text);
        var cuts = EntryStartScan.CutLines(lines, cancellationToken);
        var previous = _slices.GetAlternateLookup<ReadOnlySpan<char>>();
        var kept = new Dictionary<string, ParsedSlice>(cuts.Count, StringComparer.Ordinal);
        var keptLookup = kept.GetAlternateLookup<ReadOnlySpan<char>>();
        var entries = new List<NoteEntry>(cuts.Count);
        string? title = null;
        var parsedCount = 0;

        for (var i = 0; i < cuts.Count; i++)
        {
            var startLine = cuts[i];
            var start = lines.Start(startLine);
            var end = i + 1 < cuts.Count ? lines.Start(cuts[i + 1]) : text.Length;
            var slice = Slice(text, start, end, previous, keptLookup, ref parsedCount, cancellationToken);
            if (slice.EndsOpen && i + 1 < cuts.Count)
            {
                // The next cut is inside this slice's open block: parse the rest of the note as one slice.
                slice = Slice(text, start, text.Length, previous, keptLookup, ref parsedCount, cancellationToken);
                i = cuts.Count;
            }
            if (startLine == 0) title = slice.Title;
            entries.AddRange(slice.EntriesAt(startLine));
        }

        _slices = kept;
        LastParsedSliceCount = parsedCount;
        return new NoteDocument(uri, version, text, lines, title, entries);
    }

    private static ParsedSlice Slice(
        string text,
        int start,
        int end,
        Dictionary<string, ParsedSlice>.AlternateLookup<ReadOnlySpan<char>> previous,
        Dictionary<string, ParsedSlice>.AlternateLookup<ReadOnlySpan<char>> kept,
        ref int parsedCount,
        CancellationToken cancellationToken)
    {
        var span = text.AsSpan(start, end - start);
        if (kept.TryGetValue(span, out var slice)) return slice;
        if (previous.TryGetValue(span, out slice))
        {
            kept.Dictionary.TryAdd(slice.Text, slice);
            return slice;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sliceText = text[start..end];
        var parsed = NoteParser.ParseText(sliceText, cancellationToken);
        slice = new ParsedSlice(sliceText, parsed.Title, parsed.Entries, parsed.EndsOpen);
        kept.Dictionary.TryAdd(sliceText, slice);
        parsedCount++;
        return slice;
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
