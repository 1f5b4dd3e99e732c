using Checkpoint.Core.Notes.Model;
using Markdig;
using Markdig.Syntax;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>Parses a day of episodic notes into a <see cref="NoteDocument"/>.</summary>
public static class NoteParser
{
    // Precise source locations keep Markdig's spans on the exact source characters; LSP ranges depend on it.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>Parses <paramref name="text"/> (CRLF, LF and a leading BOM are all fine).</summary>
    /// <param name="text">The whole note.</param>
    /// <param name="uri">The document's identity, kept on the result.</param>
    /// <param name="version">The document's version, kept on the result.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    public static NoteDocument Parse(string text, string uri = "", int version = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = ParseText(text, cancellationToken);
        return new NoteDocument(uri, version, text, parsed.Lines, parsed.Title, parsed.Entries);
    }

    /// <summary>
    /// Parses a whole note or one slice of it that starts at a line start (then lines are counted from the
    /// slice's first line). Also tells whether the slice's last block stays open, so that the text after
    /// the slice could still belong to it (see <see cref="ParsedNoteText.EndsOpen"/>).
    /// </summary>
    internal static ParsedNoteText ParseText(string text, CancellationToken cancellationToken)
    {
        var lines = new LineMap(text);
        var markdownOffset = lines.HasBom ? 1 : 0;
        var markdown = Markdown.Parse(markdownOffset == 0 ? text : text[1..], Pipeline);

        string? title = null;
        var groups = new List<(EntryHeading Heading, List<Block> Blocks)>();
        var index = 0;
        foreach (var block in markdown)
        {
            if ((++index & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (block is HeadingBlock { IsSetext: false } heading
                && EntryHeading.TryRecognize(lines, heading.Line, heading.Level, out var entryHeading))
            {
                groups.Add((entryHeading!, []));
            }
            else if (groups.Count > 0)
            {
                groups[^1].Blocks.Add(block);
            }
            else if (title is null && block is HeadingBlock { Level: 1, IsSetext: false } titleBlock
                     && AtxHeadingLine.TryRead(lines, titleBlock.Line, out var atx))
            {
                title = text[atx.TextStart..atx.TextEnd];
            }
        }

        var entries = new List<NoteEntry>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            if ((i & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            var nextEntryLine = i + 1 < groups.Count ? groups[i + 1].Heading.LineNumber : lines.Count;
            entries.Add(new EntryBuilder(lines, markdownOffset).Build(groups[i].Heading, groups[i].Blocks, nextEntryLine));
        }
        var endsOpen = markdown.Count > 0 && OpenBlocks.MayContinue(markdown[^1], lines, markdownOffset);
        return new ParsedNoteText(lines, title, entries, endsOpen);
    }
}

/// <summary>What <see cref="NoteParser.ParseText"/> found in a note or a slice of one.</summary>
/// <param name="Lines">The slice's lines.</param>
/// <param name="Title">The level-1 heading before the first entry, or null.</param>
/// <param name="Entries">The entries, lines counted from the slice's start.</param>
/// <param name="EndsOpen">
/// True when the last block could swallow a heading that follows the slice (an unclosed code fence, an
/// HTML block): a slice boundary there would not be a block boundary of the whole note.
/// </param>
internal sealed record ParsedNoteText(LineMap Lines, string? Title, IReadOnlyList<NoteEntry> Entries, bool EndsOpen);
