using Markdig.Syntax;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Whether a top-level block could still be open where its text ends, so that a heading right after
/// it would be its content rather than a heading. In CommonMark an ATX heading at column 0 closes every
/// container and interrupts a paragraph; only a fenced code block without its closing fence and an
/// HTML block (which runs to a blank line or its end marker) can take it in. HTML blocks are treated
/// as open whatever their kind: a wrong "open" only costs a larger slice, a wrong "closed" a wrong parse.
/// </summary>
internal static class OpenBlocks
{
    public static bool MayContinue(Block last, LineMap lines, int markdownOffset) => last switch
    {
        HtmlBlock => true,
        FencedCodeBlock fence => !EndsWithClosingFence(fence, lines, markdownOffset),
        _ => false,
    };

    private static bool EndsWithClosingFence(FencedCodeBlock fence, LineMap lines, int markdownOffset)
    {
        var lastLine = lines.PositionAt(fence.Span.End + markdownOffset).Line;
        if (lastLine <= fence.Line) return false;

        // A closing fence: up to 3 spaces, at least as many fence characters as the opening, then only blanks.
        var text = lines.Text;
        var i = lines.ContentStart(lastLine);
        var end = lines.End(lastLine);
        var indent = 0;
        while (i < end && text[i] == ' ' && indent < 4) { i++; indent++; }
        if (indent > 3) return false;
        var count = 0;
        while (i < end && text[i] == fence.FencedChar) { i++; count++; }
        if (count < 3 || count < fence.OpeningFencedCharCount) return false;
        while (i < end && text[i] is ' ' or '\t') i++;
        return i == end;
    }
}
