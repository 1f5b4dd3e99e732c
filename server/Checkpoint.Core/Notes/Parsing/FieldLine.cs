namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// A <c>**Label:** value</c> or <c>**Label**: value</c> line (also with <c>__</c>), as document offsets.
/// Read by hand rather than by a regex: every line of every paragraph is tried, and a lazy regex over
/// the value was the largest cost of parsing a long note.
/// </summary>
internal readonly record struct FieldLine(int Start, int LabelStart, int LabelEnd, int AfterLabel, int ValueStart, int ValueEnd)
{
    public bool HasValue => ValueEnd > ValueStart;

    public static bool TryRead(LineMap lines, int line, out FieldLine field)
    {
        field = default;
        var text = lines.Text;
        var at = lines.ContentStart(line);
        var end = lines.End(line);
        for (var spaces = 0; at < end && spaces < 3 && IsBlank(text[at]); spaces++) at++;
        if (at + 1 >= end || text[at] is not ('*' or '_') || text[at + 1] != text[at]) return false;

        var open = at;
        var labelStart = at + 2;
        var close = text.AsSpan(labelStart, end - labelStart).IndexOf(text.AsSpan(open, 2));
        if (close <= 0) return false;
        close += labelStart;

        int labelEnd, afterLabel;
        if (text[close - 1] == ':')
        {
            labelEnd = close - 1;              // **Label:**
            afterLabel = close + 2;
        }
        else
        {
            var colon = close + 2;             // **Label**:
            while (colon < end && IsBlank(text[colon])) colon++;
            if (colon >= end || text[colon] != ':') return false;
            labelEnd = close;
            afterLabel = colon + 1;
        }
        while (labelEnd > labelStart && IsBlank(text[labelEnd - 1])) labelEnd--;
        if (labelEnd <= labelStart || char.IsWhiteSpace(text[labelStart])) return false;
        if (text.AsSpan(labelStart, labelEnd - labelStart).IndexOfAny('*', '_') >= 0) return false;

        var valueStart = afterLabel;
        var valueEnd = end;
        while (valueStart < valueEnd && char.IsWhiteSpace(text[valueStart])) valueStart++;
        while (valueEnd > valueStart && char.IsWhiteSpace(text[valueEnd - 1])) valueEnd--;
        field = new FieldLine(open, labelStart, labelEnd, afterLabel, valueStart, valueEnd);
        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
