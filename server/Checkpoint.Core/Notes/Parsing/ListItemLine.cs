namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// The first line of a list item: bullet or number, an optional task box, the text (document offsets).
/// Read by hand for the same reason as <see cref="FieldLine"/>: it runs on every list item of the note.
/// </summary>
internal readonly record struct ListItemLine(int MarkerStart, bool? Checked, int TextStart, int TextEnd)
{
    private const int MaxOrderedDigits = 9; // CommonMark's limit for an ordered-list number

    public static bool TryRead(LineMap lines, int line, out ListItemLine item)
    {
        item = default;
        var text = lines.Text;
        var at = lines.ContentStart(line);
        var end = lines.End(line);
        while (at < end && IsBlank(text[at])) at++;
        if (at >= end) return false;

        var markerStart = at;
        if (text[at] is '-' or '*' or '+')
        {
            at++;
        }
        else
        {
            while (at < end && at - markerStart < MaxOrderedDigits && char.IsAsciiDigit(text[at])) at++;
            if (at == markerStart || at >= end || text[at] is not ('.' or ')')) return false;
            at++;
        }
        if (at < end && !IsBlank(text[at])) return false;
        while (at < end && IsBlank(text[at])) at++;

        bool? isChecked = null;
        if (at + 2 < end && text[at] == '[' && text[at + 2] == ']' && text[at + 1] is ' ' or 'x' or 'X'
            && (at + 3 == end || IsBlank(text[at + 3])))
        {
            isChecked = text[at + 1] != ' ';
            at += 3;
            while (at < end && IsBlank(text[at])) at++;
        }

        var textEnd = end;
        while (textEnd > at && IsBlank(text[textEnd - 1])) textEnd--;
        item = new ListItemLine(markerStart, isChecked, at, textEnd);
        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
