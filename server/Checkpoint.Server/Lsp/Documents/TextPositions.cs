namespace Checkpoint.Server.Lsp.Documents;

/// <summary>Converts LSP positions (zero-based line, UTF-16 column) to string offsets.</summary>
public static class TextPositions
{
    /// <summary>
    /// The offset of <paramref name="position"/> in <paramref name="text"/>. Lines end at \n, \r\n or
    /// \r (as LSP defines); a column past the end of its line clamps to the line end, a line past the
    /// end of the text clamps to the end of the text — as clients expect.
    /// </summary>
    public static int OffsetOf(string text, Position position)
    {
        int lineStart = 0;
        for (int line = 0; line < position.Line; line++)
        {
            int lineBreak = text.IndexOfAny(['\r', '\n'], lineStart);
            if (lineBreak < 0)
            {
                return text.Length;
            }

            lineStart = text[lineBreak] == '\r' && lineBreak + 1 < text.Length && text[lineBreak + 1] == '\n'
                ? lineBreak + 2
                : lineBreak + 1;
        }

        int lineEnd = text.IndexOfAny(['\r', '\n'], lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        return lineStart + Math.Clamp(position.Character, 0, lineEnd - lineStart);
    }
}
