namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Finds the lines where a note can be cut into independently parsed slices: entry headings whose
/// <c>#</c> is in column 0, found by a line scan without Markdig. Such a line starts a fresh block in
/// CommonMark unless the block before it is still open (a code fence, an HTML block), which the slice
/// parse checks (<see cref="ParsedNoteText.EndsOpen"/>). Indented headings are not cut points: they may
/// sit inside a list item.
/// </summary>
/// <remarks>
/// Recognising a heading runs regexes; a 1 MB note has thousands of heading lines and nearly all of
/// them are the same from one version to the next, so each scan remembers the verdict per line text
/// and the next scan looks it up instead.
/// </remarks>
internal sealed class EntryStartScan
{
    private Dictionary<string, bool> _verdicts = new(StringComparer.Ordinal);

    /// <summary>Line 0, then every column-0 entry heading line in order.</summary>
    public List<int> CutLines(LineMap lines, CancellationToken cancellationToken)
    {
        var cuts = new List<int>(lines.Count / 16 + 1) { 0 };
        var previous = _verdicts.GetAlternateLookup<ReadOnlySpan<char>>();
        var verdicts = new Dictionary<string, bool>(_verdicts.Count, StringComparer.Ordinal);
        var current = verdicts.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = lines.Text;
        for (var line = 1; line < lines.Count; line++)
        {
            if ((line & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            var start = lines.Start(line);
            if (start >= text.Length || text[start] != '#') continue;
            var content = text.AsSpan(start, lines.End(line) - start);
            if (MayBeEntryHeading(content) == 0) continue;

            if (!current.TryGetValue(content, out var isEntry))
            {
                if (!previous.TryGetValue(content, out isEntry))
                {
                    isEntry = AtxHeadingLine.TryRead(lines, line, out var atx) && EntryHeading.TryRecognize(lines, line, atx.Level, out _);
                }
                current[content] = isEntry;
            }
            if (isEntry) cuts.Add(line);
        }
        _verdicts = verdicts;
        return cuts;
    }

    /// <summary>
    /// A cheap filter before the regexes for a line that starts in column 0: its heading level when it is an ATX
    /// heading (1–6 marks, then a blank or the end) at level 2 or one whose text could start a quick note, else 0.
    /// "### Work State" and the like stop here.
    /// </summary>
    internal static int MayBeEntryHeading(ReadOnlySpan<char> line)
    {
        var marks = 0;
        while (marks < line.Length && line[marks] == '#') marks++;
        if (marks is 0 or > 6 || (marks < line.Length && line[marks] is not (' ' or '\t'))) return 0;
        if (marks == 2) return marks;
        var first = line[marks..].TrimStart(" \t");
        return first.Length > 0 && EntryHeading.MayBeQuickNote(first[0]) ? marks : 0;
    }
}
