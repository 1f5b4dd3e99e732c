namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// The lines where a note can be cut into independently parsed slices: entry headings whose <c>#</c>
/// is in column 0, found by a cheap line scan without Markdig. Such a line starts a fresh block in
/// CommonMark unless the block before it is still open (a code fence, an HTML block), which the
/// slice parse checks (<see cref="ParsedNoteText.EndsOpen"/>). Indented headings are not cut points:
/// they may sit inside a list item.
/// </summary>
internal static class EntryStartScan
{
    /// <summary>Line 0, then every column-0 entry heading line in order.</summary>
    public static List<int> CutLines(LineMap lines, CancellationToken cancellationToken)
    {
        var cuts = new List<int>(lines.Count / 16 + 1) { 0 };
        var text = lines.Text;
        for (var line = 1; line < lines.Count; line++)
        {
            if ((line & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            var start = lines.Start(line);
            if (start >= text.Length || text[start] != '#') continue;
            if (AtxHeadingLine.TryRead(lines, line, out var atx) && EntryHeading.TryRecognize(lines, line, atx.Level, out _))
            {
                cuts.Add(line);
            }
        }
        return cuts;
    }
}
