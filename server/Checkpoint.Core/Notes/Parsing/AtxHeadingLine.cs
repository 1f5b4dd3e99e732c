using System.Text.RegularExpressions;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>The parts of an ATX heading line (<c>## text ##</c>) as offsets into the document.</summary>
internal readonly partial record struct AtxHeadingLine(int Level, int MarkStart, int TextStart, int TextEnd)
{
    [GeneratedRegex(@"^[ ]{0,3}(?<marks>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape { get; }

    public static bool TryRead(LineMap lines, int line, out AtxHeadingLine heading)
    {
        var match = lines.MatchLine(Shape, line);
        if (!match.Success)
        {
            heading = default;
            return false;
        }
        var marks = match.Groups["marks"];
        var text = match.Groups["text"];
        var textStart = text.Success ? text.Index : marks.Index + marks.Length;
        var textEnd = text.Success ? text.Index + text.Length : textStart;
        heading = new AtxHeadingLine(marks.Length, marks.Index, textStart, textEnd);
        return true;
    }
}
