namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Line starts of a text, to turn string offsets into LSP positions. A .NET string index is already a
/// UTF-16 offset, so a column is simply <c>offset - lineStart</c>. Line breaks are "\r\n", "\n" and a
/// lone "\r" — the three the LSP and Markdig both recognise. A leading BOM counts as one character of line 0.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;

    public LineMap(string text)
    {
        Text = text;
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        int crlf = 0, lf = 0;
        var span = text.AsSpan();
        // A vectorised search for the next break: a 1 MB note is scanned on every edit.
        for (var i = span.IndexOfAny('\r', '\n'); i >= 0;)
        {
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n')
            {
                i++;
                crlf++;
            }
            else if (span[i] == '\n')
            {
                lf++;
            }
            starts.Add(i + 1);
            var next = span[(i + 1)..].IndexOfAny('\r', '\n');
            i = next < 0 ? -1 : i + 1 + next;
        }
        _starts = [.. starts];
        LineEnding = crlf > lf ? "\r\n" : "\n";
        HasBom = text.Length > 0 && text[0] == '\uFEFF';
    }

    public string Text { get; }

    public int Count => _starts.Length;

    public string LineEnding { get; }

    public bool HasBom { get; }

    public int Start(int line) => _starts[line];

    /// <summary>Where the line's content starts: after the BOM on line 0.</summary>
    public int ContentStart(int line) => line == 0 && HasBom ? 1 : _starts[line];

    /// <summary>The offset just past the line's last character, before its line break.</summary>
    public int End(int line)
    {
        if (line + 1 >= _starts.Length) return Text.Length;
        var end = _starts[line + 1];
        if (end > 0 && Text[end - 1] == '\n') end--;
        if (end > _starts[line] && Text[end - 1] == '\r') end--;
        return end;
    }

    /// <summary>
    /// Runs <paramref name="pattern"/> on one line without copying it: with (beginning, length) the regex
    /// engine treats the slice as the whole input, so <c>^</c> and <c>$</c> anchor to the line, and
    /// group indexes stay document offsets.
    /// </summary>
    public System.Text.RegularExpressions.Match MatchLine(System.Text.RegularExpressions.Regex pattern, int line)
    {
        var start = ContentStart(line);
        return pattern.Match(Text, start, End(line) - start);
    }

    public string LineText(int line) => Text[ContentStart(line)..End(line)];

    public bool IsBlank(int line)
    {
        for (var i = ContentStart(line); i < End(line); i++)
        {
            if (!char.IsWhiteSpace(Text[i])) return false;
        }
        return true;
    }

    public TextPosition PositionAt(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new TextPosition(line, offset - _starts[line]);
    }

    public TextPosition PositionIn(int line, int offset) => new(line, offset - _starts[line]);

    public TextRange Range(int startOffset, int endOffset) => new(PositionAt(startOffset), PositionAt(endOffset));

    public TextRange RangeInLine(int line, int startOffset, int endOffset) =>
        new(PositionIn(line, startOffset), PositionIn(line, endOffset));

    /// <summary>The last non-blank line in [<paramref name="from"/>, <paramref name="toExclusive"/>), or <paramref name="from"/> when all are blank.</summary>
    public int LastNonBlankLine(int from, int toExclusive)
    {
        for (var line = Math.Min(toExclusive, Count) - 1; line > from; line--)
        {
            if (!IsBlank(line)) return line;
        }
        return from;
    }

    /// <summary>The offset of the line's last non-white character plus one (the line's content start when blank).</summary>
    public int TrimmedEnd(int line)
    {
        var start = ContentStart(line);
        var end = End(line);
        while (end > start && char.IsWhiteSpace(Text[end - 1])) end--;
        return end;
    }
}
