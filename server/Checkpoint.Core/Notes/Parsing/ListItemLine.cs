using System.Text.RegularExpressions;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>The first line of a list item: bullet or number, an optional task box, the text (document offsets).</summary>
internal readonly record struct ListItemLine(int MarkerStart, bool? Checked, int TextStart, int TextEnd)
{
    private static readonly Regex Shape = new(
        @"^[ \t]*(?<marker>[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)(?:\[(?<box>[ xX])\](?:[ \t]+|$))?(?<text>.*?)[ \t]*$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static bool TryRead(LineMap lines, int line, out ListItemLine item)
    {
        var match = lines.MatchLine(Shape, line);
        if (!match.Success)
        {
            item = default;
            return false;
        }
        var box = match.Groups["box"];
        var text = match.Groups["text"];
        item = new ListItemLine(
            match.Groups["marker"].Index,
            box.Success ? box.ValueSpan[0] != ' ' : null,
            text.Index,
            text.Index + text.Length);
        return true;
    }
}
