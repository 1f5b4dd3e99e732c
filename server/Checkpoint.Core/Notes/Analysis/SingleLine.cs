using System.Text;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>Folds a multi-line value into one line for titles, details and the brief.</summary>
internal static class SingleLine
{
    /// <summary>Every run of white space becomes one space; the ends are trimmed.</summary>
    public static string Of(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (!NeedsFolding(trimmed)) return trimmed.Length == text.Length ? text : trimmed.ToString();

        var folded = new StringBuilder(trimmed.Length);
        var inSpace = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace) folded.Append(' ');
                inSpace = true;
            }
            else
            {
                folded.Append(c);
                inSpace = false;
            }
        }
        return folded.ToString();
    }

    // Most values are already one line with single spaces; spare them the copy.
    private static bool NeedsFolding(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' ? i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) : char.IsWhiteSpace(c)) return true;
        }
        return false;
    }
}
