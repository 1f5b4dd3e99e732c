using System.Text.Json;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class IncrementalNoteParserTests
{
    private const string Fence = "```";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void An_edit_in_the_middle_reparses_only_the_edited_entry_and_moves_the_later_ones()
    {
        var text = LargeNoteGenerator.Generate(200);
        var parser = new IncrementalNoteParser();
        var before = parser.Parse(text, "file:///n.md", 1, TestContext.CancellationToken);
        var middle = before.Entries[100];
        var insertAt = OffsetOfLine(text, middle.HeadingRange.Start.Line + 1);

        var edited = text.Insert(insertAt, "**Extra:** two\nnew lines\n\n");
        var after = parser.Parse(edited, "file:///n.md", 2, TestContext.CancellationToken);

        Assert.AreEqual(1, parser.LastParsedSliceCount);
        AssertSameParse(NoteParser.Parse(edited, "file:///n.md", 2), after);
        Assert.AreSame(before.Entries[99], after.Entries[99], "an entry above the edit is reused as it was");
        Assert.AreEqual(before.Entries[101].HeadingRange.Start.Line + 3, after.Entries[101].HeadingRange.Start.Line);
        Assert.AreEqual(before.Entries[199].Range.End.Line + 3, after.Entries[199].Range.End.Line);
    }

    [TestMethod]
    public void Appending_an_entry_parses_only_the_last_slices()
    {
        var text = LargeNoteGenerator.Generate(100);
        var parser = new IncrementalNoteParser();
        parser.Parse(text, "u", 1, TestContext.CancellationToken);

        var appended = text + "\n### 23:59 Note\nOne more.\n";
        var after = parser.Parse(appended, "u", 2, TestContext.CancellationToken);

        Assert.IsLessThanOrEqualTo(2, parser.LastParsedSliceCount);
        AssertSameParse(NoteParser.Parse(appended, "u", 2), after);
    }

    [TestMethod]
    public void A_heading_inside_an_unclosed_code_fence_is_not_an_entry()
    {
        var text = "# 2026-01-04\n\n## Checkpoint 10:00 — Context: 75%\n\n" + Fence + "\n## Checkpoint 11:00 — Context: 75%\n\n### 12:00 Note\nstill code\n";
        var parser = new IncrementalNoteParser();

        var parsed = parser.Parse(text, "u", 1, TestContext.CancellationToken);

        Assert.HasCount(1, parsed.Entries);
        AssertSameParse(NoteParser.Parse(text, "u", 1), parsed);
    }

    [TestMethod]
    public void A_closed_code_fence_before_an_entry_heading_keeps_the_cut_there()
    {
        var text = "## Checkpoint 10:00 — Context: 75%\n\n" + Fence + "sh\n## not a heading\n" + Fence + "\n## Checkpoint 11:00 — Context: 75%\n**Notes:** x\n";
        var parser = new IncrementalNoteParser();

        var parsed = parser.Parse(text, "u", 1, TestContext.CancellationToken);

        Assert.HasCount(2, parsed.Entries);
        AssertSameParse(NoteParser.Parse(text, "u", 1), parsed);
    }

    [TestMethod]
    public void A_heading_right_after_an_html_block_is_parsed_as_the_whole_note_parses_it()
    {
        var text = "## Checkpoint 10:00 — Context: 75%\n\n<div>\n## Checkpoint 11:00 — Context: 75%\n</div>\n\n### 12:00 Note\ntext\n";
        var parser = new IncrementalNoteParser();

        var parsed = parser.Parse(text, "u", 1, TestContext.CancellationToken);

        AssertSameParse(NoteParser.Parse(text, "u", 1), parsed);
        Assert.HasCount(2, parsed.Entries);
    }

    [TestMethod]
    public void Opening_a_fence_in_one_entry_swallows_the_entries_after_it_and_closing_it_brings_them_back()
    {
        var text = LargeNoteGenerator.Generate(20);
        var parser = new IncrementalNoteParser();
        var first = parser.Parse(text, "u", 1, TestContext.CancellationToken);
        var at = OffsetOfLine(text, first.Entries[5].HeadingRange.Start.Line + 1);

        var opened = text.Insert(at, Fence + "\n");
        var withFence = parser.Parse(opened, "u", 2, TestContext.CancellationToken);
        AssertSameParse(NoteParser.Parse(opened, "u", 2), withFence);
        Assert.HasCount(6, withFence.Entries);

        var closed = parser.Parse(text, "u", 3, TestContext.CancellationToken);
        AssertSameParse(NoteParser.Parse(text, "u", 3), closed);
        Assert.HasCount(20, closed.Entries);
    }

    [TestMethod]
    public void A_note_with_a_byte_order_mark_crlf_and_a_title_parses_as_a_whole()
    {
        var text = "\uFEFF# 2026-01-04\r\n\r\n" + LargeNoteGenerator.Generate(10).Replace("\n", "\r\n", StringComparison.Ordinal);
        var parser = new IncrementalNoteParser();

        var parsed = parser.Parse(text, "u", 1, TestContext.CancellationToken);

        AssertSameParse(NoteParser.Parse(text, "u", 1), parsed);
        Assert.AreEqual("2026-01-04", parsed.Title);
        Assert.AreEqual("\r\n", parsed.LineEnding);
    }

    [TestMethod]
    public void Random_edits_give_the_same_parse_as_parsing_the_whole_note()
    {
        var random = new Random(5);
        var text = LargeNoteGenerator.Generate(40) + "\n<!-- a comment\n## Checkpoint 09:00 — Context: 75%\n-->\n\n- list\n  " + Fence + "\n## SURVIVAL 10:00 — Context: 96%\n**TASK:** t\n";
        var snippets = new[] { Fence + "\n", "## Checkpoint 12:00 — Context: 80%\n", "### 13:00 Note\n", "<div>\n", "\n", "- [x] done\n", "~~~~\n", "**Snapshot:** a_20260104_101010\n" };
        var parser = new IncrementalNoteParser();
        for (var version = 1; version <= 60; version++)
        {
            var lineStarts = LineStarts(text);
            var at = lineStarts[random.Next(lineStarts.Count)];
            text = random.Next(4) == 0 && at < text.Length
                ? text.Remove(at, Math.Min(text.Length - at, random.Next(1, 200)))
                : text.Insert(at, snippets[random.Next(snippets.Length)]);

            var incremental = parser.Parse(text, "u", version, TestContext.CancellationToken);

            AssertSameParse(NoteParser.Parse(text, "u", version), incremental);
        }
    }

    private static void AssertSameParse(NoteDocument expected, NoteDocument actual)
    {
        Assert.AreEqual(expected.Title, actual.Title);
        Assert.AreEqual(expected.Entries.Count, actual.Entries.Count);
        Assert.AreEqual(JsonSerializer.Serialize(expected.Entries), JsonSerializer.Serialize(actual.Entries));
    }

    private static int OffsetOfLine(string text, int line)
    {
        var offset = 0;
        for (var i = 0; i < line; i++) offset = text.IndexOf('\n', offset) + 1;
        return offset;
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) starts.Add(i + 1);
        return starts;
    }
}
