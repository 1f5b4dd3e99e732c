using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Reads a note too large for every feature (<see cref="NoteLanguageServiceOptions.MaxFullFeatureLength"/>)
/// by a line scan, without Markdig: its entries are the column-0 entry headings outside fenced code
/// blocks, each with its heading and range only. A Markdig parse of a 19 MB note builds some 1.5 GB of
/// syntax tree and entries; this keeps a line index and one heading per entry.
/// </summary>
/// <remarks>
/// The scan agrees with Markdig on the seed's notes and on fenced examples. It departs from it where only
/// a full parse can tell: a heading inside an HTML block or indented into a list item.
/// </remarks>
internal static class NoteOutlineParser
{
    public static NoteDocument Parse(string text, string uri, int version, CancellationToken cancellationToken)
    {
        var lines = new LineMap(text);
        var headings = new List<EntryHeading>();
        string? title = null;
        var fence = new FenceTracker();
        for (var line = 0; line < lines.Count; line++)
        {
            if ((line & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (fence.IsCodeLine(lines, line)) continue;
            var start = lines.ContentStart(line);
            var level = EntryStartScan.MayBeEntryHeading(text.AsSpan(start, lines.End(line) - start));
            if (level > 0 && EntryHeading.TryRecognize(lines, line, level, out var heading))
            {
                headings.Add(heading!);
            }
            else if (headings.Count == 0 && title is null && text.AsSpan(start).StartsWith("# ") && AtxHeadingLine.TryRead(lines, line, out var atx) && atx.Level == 1)
            {
                title = text[atx.TextStart..atx.TextEnd];
            }
        }

        var entries = new NoteEntry[headings.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            var nextEntryLine = i + 1 < headings.Count ? headings[i + 1].LineNumber : lines.Count;
            entries[i] = new EntryBuilder(lines, markdownOffset: 0).Build(headings[i], [], nextEntryLine);
        }
        return new NoteDocument(uri, version, text, lines, title, entries, isOutlineOnly: true);
    }

    /// <summary>
    /// <paramref name="entry"/> of an outline-only note read whole (fields, sections, lists): its lines,
    /// from its heading to the next entry's, parsed with Markdig on their own.
    /// </summary>
    public static NoteEntry ReadWhole(NoteDocument outline, NoteEntry entry, CancellationToken cancellationToken)
    {
        var lines = outline.Lines;
        var headingLine = entry.HeadingRange.Start.Line;
        var next = outline.LastEntryStartingAtOrBefore(headingLine) + 1;
        var start = lines.Start(headingLine);
        var end = next < outline.Entries.Count ? lines.Start(outline.Entries[next].HeadingRange.Start.Line) : outline.Text.Length;
        var parsed = NoteParser.ParseText(outline.Text[start..end], cancellationToken);
        return parsed.Entries is [{ HeadingRange.Start.Line: 0 } whole, ..] ? LineShift.Entry(whole, headingLine) : entry;
    }

    /// <summary>Follows CommonMark's fenced code blocks line by line: up to three spaces, then three or more <c>`</c> or <c>~</c>.</summary>
    private struct FenceTracker
    {
        private char _char;
        private int _length;

        /// <summary>True when the line opens, closes or sits inside a fenced code block.</summary>
        public bool IsCodeLine(LineMap lines, int line)
        {
            var text = lines.Text;
            var at = lines.ContentStart(line);
            var end = lines.End(line);
            var indent = 0;
            while (at < end && text[at] == ' ' && indent < 4) { at++; indent++; }
            var runStart = at;
            var c = at < end ? text[at] : '\0';
            while (at < end && text[at] == c) at++;
            var run = at - runStart;
            var isFence = indent < 4 && c is '`' or '~' && run >= 3;

            if (_length == 0)
            {
                // A backtick fence's info string may not contain a backtick (then it is inline code).
                if (!isFence || (c == '`' && text.AsSpan(at, end - at).Contains('`'))) return false;
                (_char, _length) = (c, run);
                return true;
            }
            if (isFence && c == _char && run >= _length && text.AsSpan(at, end - at).Trim(" \t").IsEmpty)
            {
                _length = 0;
            }
            return true;
        }
    }
}
