using System.Text.RegularExpressions;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>A <c>**Label:** value</c> or <c>**Label**: value</c> line, as document offsets.</summary>
internal readonly record struct FieldLine(int Start, int LabelStart, int LabelEnd, int AfterLabel, int ValueStart, int ValueEnd)
{
    private static readonly Regex Shape = new(
        @"^[ \t]{0,3}(?<open>\*\*|__)(?<label>[^*_\r\n]*?[^*_\s])[ \t]*(?::\*\*|\*\*[ \t]*:|:__|__[ \t]*:)(?<value>.*?)[ \t]*$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public bool HasValue => ValueEnd > ValueStart;

    public static bool TryRead(LineMap lines, int line, out FieldLine field)
    {
        var match = lines.MatchLine(Shape, line);
        if (!match.Success)
        {
            field = default;
            return false;
        }
        var label = match.Groups["label"];
        var value = match.Groups["value"];
        var afterLabel = value.Index;
        var valueStart = afterLabel;
        var valueEnd = value.Index + value.Length;
        while (valueStart < valueEnd && char.IsWhiteSpace(lines.Text[valueStart])) valueStart++;
        field = new FieldLine(match.Groups["open"].Index, label.Index, label.Index + label.Length, afterLabel, valueStart, valueEnd);
        return true;
    }
}
