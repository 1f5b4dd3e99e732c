using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Parsing;
using static Checkpoint.Core.Tests.Notes.NoteFixtures;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class LenientParsingTests
{
    [TestMethod]
    public void CRLF_file_with_BOM_parses_every_entry_with_exact_ranges()
    {
        var text = Read("lenient.crlf.md");
        Assert.AreEqual('\uFEFF', text[0], "the fixture must keep its BOM");
        StringAssert.Contains(text, "\r\n");

        var document = NoteParser.Parse(text);

        Assert.AreEqual("2026-02-15", document.Title);
        Assert.AreEqual("\r\n", document.LineEnding);
        CollectionAssert.AreEqual(
            new[] { NoteFormat.QuickNote, NoteFormat.Emergency, NoteFormat.Full, NoteFormat.Survival, NoteFormat.QuickNote },
            document.Entries.Select(e => e.Format).ToArray());
        // Ranges never include the "\r" of a CRLF.
        Assert.AreEqual(Range(6, 0, 6, 47), document.Entries[1].HeadingRange);
        Assert.AreEqual(Range(8, 10, 8, 25), document.Entries[1].Field("TASK")!.ValueRange);
    }

    [TestMethod]
    public void Bracketed_time_and_double_hyphen_before_Context_are_accepted()
    {
        var emergency = NoteFixtures.Parse("lenient.crlf.md").Entries[1];

        Assert.AreEqual(new TimeOnly(10, 30), emergency.Time);
        Assert.AreEqual(Range(6, 24, 6, 31), emergency.TimeRange); // "[10:30]" brackets included
        Assert.AreEqual(86, emergency.ContextPercent);
    }

    [TestMethod]
    public void Bold_label_with_the_colon_outside_is_a_field()
    {
        var emergency = NoteFixtures.Parse("lenient.crlf.md").Entries[1];

        CollectionAssert.AreEqual(new[] { "TASK", "STATUS", "NEXT", "BLOCKED", "FILES" }, emergency.Fields.Select(f => f.Label).ToArray());
        Assert.AreEqual("Tag the release", emergency.Field("NEXT")!.Value);
    }

    [TestMethod]
    public void Single_hyphen_and_en_dash_before_Context_are_accepted()
    {
        var document = NoteFixtures.Parse("lenient.crlf.md");

        Assert.AreEqual(71, document.Entries[2].ContextPercent);
        Assert.AreEqual(99, document.Entries[3].ContextPercent);
    }

    [TestMethod]
    public void Quick_notes_start_at_any_heading_level_with_or_without_brackets()
    {
        var document = NoteFixtures.Parse("lenient.crlf.md");

        Assert.AreEqual(2, document.Entries[0].HeadingLevel);
        Assert.AreEqual(new TimeOnly(8, 5), document.Entries[0].Time);
        Assert.AreEqual("Started early.", document.Entries[0].Body);
        Assert.AreEqual(4, document.Entries[4].HeadingLevel);
        Assert.AreEqual("Done.", document.Entries[4].Body);
    }

    [TestMethod]
    public void BOM_counts_as_one_character_of_the_first_line()
    {
        var document = NoteParser.Parse("\uFEFF## SURVIVAL 10:00 — Context: 96%\n\n**TASK:** t\n");

        var entry = document.Entries.Single();
        Assert.AreEqual(Range(0, 1, 0, 33), entry.HeadingRange);
        Assert.AreEqual(96, entry.ContextPercent);
    }

    [TestMethod]
    public void Headings_are_recognised_whatever_their_case()
    {
        var document = NoteParser.Parse("## Emergency Checkpoint 07:15 — context: 90%\n\n## pre-operation 08:00\n\n## checkpoint 09:00 — Context: 75%\n");

        CollectionAssert.AreEqual(
            new[] { NoteFormat.Emergency, NoteFormat.PreOperation, NoteFormat.Full },
            document.Entries.Select(e => e.Format).ToArray());
    }

    [TestMethod]
    public void Checkpoint_headings_below_level_two_are_not_entries()
    {
        var document = NoteParser.Parse("### Checkpoint 14:30 — Context: 75%\n\n# EMERGENCY CHECKPOINT 10:00 — Context: 90%\n");

        Assert.AreEqual(0, document.Entries.Count);
    }

    [TestMethod]
    public void Template_placeholders_in_the_heading_leave_time_and_context_unknown()
    {
        var entry = NoteParser.Parse("## EMERGENCY CHECKPOINT [HH:MM] — Context: XX%\n").Entries.Single();

        Assert.IsNull(entry.Time);
        Assert.IsNull(entry.ContextPercent);
        Assert.AreEqual(Range(0, 24, 0, 31), entry.TimeRange);
        Assert.AreEqual(Range(0, 43, 0, 46), entry.ContextRange);
    }

    [TestMethod]
    public void A_label_alone_on_its_line_takes_the_next_paragraph_as_its_value()
    {
        var entry = NoteParser.Parse("## Checkpoint 14:30 — Context: 75%\n\n**Human's Goals:**\n\nOne site\nfor all docs.\n\n**Notes:** done\n").Entries.Single();

        var goals = entry.Field("Human’s Goals")!; // a curly apostrophe finds the straight one
        Assert.AreEqual("One site\nfor all docs.", goals.Value);
        Assert.AreEqual(Range(4, 0, 5, 13), goals.ValueRange);
    }

    [TestMethod]
    public void Continuation_lines_of_a_field_belong_to_its_value()
    {
        var entry = NoteParser.Parse("## Pre-Operation 20:20\n\n**If failure:** Revert VERSION.md,\nthen note the issue\n**Snapshot:** `a_20260213_202011`\n").Entries.Single();

        Assert.AreEqual("Revert VERSION.md,\nthen note the issue", entry.Field("If failure")!.Value);
        Assert.AreEqual("a_20260213_202011", entry.Snapshot!.Id);
        Assert.AreEqual(Range(4, 15, 4, 32), entry.Snapshot.Range);
    }

    [TestMethod]
    public void Left_arrow_written_as_ascii_marks_the_current_step()
    {
        var progress = NoteParser.Parse("## Checkpoint 14:30 — Context: 75%\n\n**Progress:**\n- [X] one\n- [ ] two <- WE ARE HERE\n- [ ] three\n").Entries.Single().Progress!;

        Assert.AreEqual(1, progress.DoneCount);
        Assert.AreEqual("two", progress.Current!.Text);
        Assert.AreEqual("two", progress.NextStep!.Text);
    }

    [TestMethod]
    public void Field_lines_accept_underscores_indentation_and_a_space_before_the_colon()
    {
        var entry = NoteParser.Parse("## SURVIVAL 10:00 — Context: 96%\n\n__TASK:__ one\n   **NEXT** : two\n**BLOCKED:**No\n").Entries.Single();

        CollectionAssert.AreEqual(new[] { "TASK", "NEXT", "BLOCKED" }, entry.Fields.Select(f => f.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "one", "two", "No" }, entry.Fields.Select(f => f.Value).ToArray());
        Assert.AreEqual(Range(3, 5, 3, 9), entry.Fields[1].LabelRange);
        Assert.AreEqual(Range(3, 14, 3, 17), entry.Fields[1].ValueRange); // "   **NEXT** : two"
    }

    [TestMethod]
    public void Bold_text_without_a_colon_is_not_a_field()
    {
        var entry = NoteParser.Parse("## Pre-Operation 20:20\n\n**Decision 1: keep it** for now\n**bold** words: here\n** TASK:** spaced\n").Entries.Single();

        Assert.AreEqual(0, entry.Fields.Count);
    }

    [TestMethod]
    public void Resume_instructions_numbered_with_parentheses_are_read_too()
    {
        var entry = NoteParser.Parse("## Checkpoint 14:30 — Context: 75%\n\n### Resume Instructions\n1) first\n2) second\n").Entries.Single();

        CollectionAssert.AreEqual(new[] { "first", "second" }, entry.ResumeInstructions.Select(i => i.Text).ToArray());
        Assert.IsTrue(entry.Section("Resume Instructions")!.ItemsAreNumbered);
    }

    [TestMethod]
    public void A_quick_note_heading_inside_a_full_checkpoint_ends_it()
    {
        var document = NoteParser.Parse("## Checkpoint 14:30 — Context: 75%\n\n### Work State\n\n### 14:45 Note\n\nlater\n");

        CollectionAssert.AreEqual(new[] { NoteFormat.Full, NoteFormat.QuickNote }, document.Entries.Select(e => e.Format).ToArray());
        Assert.AreEqual(Range(0, 0, 2, 14), document.Entries[0].Range);
    }
}
