using System.Text;

namespace Checkpoint.Core.Notes.Templates;

/// <summary>Writes LSP snippet syntax (the TextMate-style grammar of the LSP 3.17 specification).</summary>
public static class SnippetText
{
    /// <summary>
    /// Escapes text so a snippet inserts it literally: the grammar gives <c>$</c>, <c>}</c> and <c>\</c>
    /// a meaning, so each is preceded by a backslash (valid both in plain text and inside placeholders).
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('$', '}', '\\') < 0) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '$' or '}' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>A tab stop with default text: <c>${n:text}</c>.</summary>
    public static string Placeholder(int tabStop, string defaultText) => $"${{{tabStop}:{Escape(defaultText)}}}";
}
