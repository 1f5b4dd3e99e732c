using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;
using static Checkpoint.Core.Tests.Notes.NoteFixtures;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class NoteParserTests
{
    [TestMethod]
    public void Full_checkpoint_of_the_seed_gives_heading_time_context_and_exact_ranges()
    {
        var document = Parse("full.md");

        Assert.AreEqual("2026-02-13", document.Title);
        var entry = document.Entries.Single();
        Assert.AreEqual(NoteFormat.Full, entry.Format);
        Assert.AreEqual(new TimeOnly(14, 30), entry.Time);
        Assert.AreEqual(75, entry.ContextPercent);
        // "## Checkpoint 14:30 — Context: 75%" is 34 UTF-16 units on line 2.
        Assert.AreEqual(Range(2, 0, 2, 34), entry.HeadingRange);
        Assert.AreEqual(Range(2, 14, 2, 19), entry.TimeRange);
        Assert.AreEqual(Range(2, 31, 2, 34), entry.ContextRange);
        // The entry ends at the end of its last line, the Notes line (110 characters).
        Assert.AreEqual(Range(2, 0, 48, 110), entry.Range);
    }

    [TestMethod]
    public void Full_checkpoint_fields_carry_their_section_and_value_ranges()
    {
        var entry = Parse("full.md").Entries.Single();

        var task = entry.Field("Task")!;
        Assert.AreEqual("Update TOOLS.md with gotchas section", task.Value);
        Assert.AreEqual(NoteLabels.CurrentSessionSection, task.Section);
        Assert.AreEqual(Range(6, 2, 6, 6), task.LabelRange);
        Assert.AreEqual(Range(6, 10, 6, 46), task.ValueRange);
        Assert.AreEqual(Range(6, 0, 6, 46), task.Range);

        var activeFiles = entry.Field(NoteLabels.ActiveFiles)!;
        Assert.AreEqual(NoteLabels.WorkStateSection, activeFiles.Section);
        CollectionAssert.AreEqual(
            new[] { "TOOLS.md — Adding tool quirks and gotchas section", "INDEX.md — Created for file organization reference" },
            activeFiles.Items.Select(i => i.Text).ToArray());
        Assert.AreEqual(Range(12, 2, 12, 51), activeFiles.Items[0].Range);
        Assert.AreEqual(Range(12, 0, 13, 52), activeFiles.ValueRange);

        var labels = entry.Fields.Select(f => f.Label).ToArray();
        CollectionAssert.AreEqual(
            new[] { "Started", "Task", "Status", "Active Files", "Key Decisions Made", "Progress", "Human's Goals", "Important Constraints", "Preferences Expressed", "Notes" },
            labels);
    }

    [TestMethod]
    public void Full_checkpoint_sections_are_sub_headings_not_entries()
    {
        var entry = Parse("full.md").Entries.Single();

        CollectionAssert.AreEqual(
            new[] { "Current Session", "Work State", "Context to Preserve", "Resume Instructions", "Open Questions" },
            entry.Sections.Select(s => s.Name).ToArray());
        var workState = entry.Section("Work State")!;
        Assert.AreEqual(Range(9, 0, 9, 14), workState.HeadingRange);
        Assert.AreEqual(Range(9, 4, 9, 14), workState.NameRange);
        Assert.AreEqual(Range(9, 0, 24, 29), workState.Range);
    }

    [TestMethod]
    public void Progress_checklist_counts_done_steps_and_finds_the_current_task()
    {
        var progress = Parse("full.md").Entries.Single().Progress!;

        Assert.AreEqual(3, progress.DoneCount);
        Assert.AreEqual(5, progress.Total);
        Assert.AreEqual("Updating memory/procedural/checkpoints.md", progress.Current!.Text);
        Assert.IsFalse(progress.Current.Done);
        Assert.AreEqual(Range(23, 6, 23, 62), progress.Current.Range);
        Assert.AreEqual(Range(20, 0, 24, 29), progress.Range);
    }

    [TestMethod]
    public void Resume_instructions_are_the_numbered_steps_in_order()
    {
        var instructions = Parse("full.md").Entries.Single().ResumeInstructions;

        CollectionAssert.AreEqual(
            new[] { "Continue enhancing checkpoints.md with better formats from template", "Verify all new structures match actual filesystem", "Document changes in VERSION.md" },
            instructions.Select(i => i.Text).ToArray());
        Assert.AreEqual(Range(41, 3, 41, 70), instructions[0].Range);
    }

    [TestMethod]
    public void Emergency_checkpoint_of_the_seed_gives_its_five_fields()
    {
        var entry = Parse("emergency.md").Entries.Single();

        Assert.AreEqual(NoteFormat.Emergency, entry.Format);
        Assert.AreEqual(new TimeOnly(19, 45), entry.Time);
        Assert.AreEqual(88, entry.ContextPercent);
        CollectionAssert.AreEqual(new[] { "TASK", "STATUS", "NEXT", "BLOCKED", "FILES" }, entry.Fields.Select(f => f.Label).ToArray());
        Assert.AreEqual("Test all scripts, document final list of changes", entry.Field("NEXT")!.Value);
        Assert.AreEqual(Range(8, 11, 8, 101), entry.Field("FILES")!.ValueRange);
    }

    [TestMethod]
    public void Survival_checkpoint_gives_task_next_and_blocked()
    {
        var entry = Parse("survival.md").Entries.Single();

        Assert.AreEqual(NoteFormat.Survival, entry.Format);
        Assert.AreEqual(new TimeOnly(21, 5), entry.Time);
        Assert.AreEqual(97, entry.ContextPercent);
        CollectionAssert.AreEqual(new[] { "TASK", "NEXT", "BLOCKED" }, entry.Fields.Select(f => f.Label).ToArray());
        Assert.AreEqual("No", entry.Field("BLOCKED")!.Value);
    }

    [TestMethod]
    public void Pre_operation_checkpoint_has_no_context_and_links_its_snapshot()
    {
        var entry = Parse("pre-operation.md").Entries.Single();

        Assert.AreEqual(NoteFormat.PreOperation, entry.Format);
        Assert.AreEqual(new TimeOnly(20, 20), entry.Time);
        Assert.IsNull(entry.ContextPercent);
        Assert.IsNull(entry.ContextRange);
        Assert.AreEqual("Revert VERSION.md to v1.1.7, note issue in daily log", entry.Field("If failure")!.Value);
        var snapshot = entry.Snapshot!;
        Assert.AreEqual("notes-2026-02-13_20260213_202011", snapshot.Id);
        Assert.AreEqual("notes-2026-02-13", snapshot.Name);
        Assert.AreEqual("20260213_202011", snapshot.Timestamp);
        Assert.AreEqual(Range(8, 14, 8, 46), snapshot.Range);
    }

    [TestMethod]
    public void Quick_note_body_is_its_free_text()
    {
        var entry = Parse("quick-note.md").Entries.Single();

        Assert.AreEqual(NoteFormat.QuickNote, entry.Format);
        Assert.AreEqual(3, entry.HeadingLevel);
        Assert.AreEqual(new TimeOnly(16, 10), entry.Time);
        StringAssert.StartsWith(entry.Body, "Human prefers tabs over spaces");
        Assert.AreEqual(Range(4, 0, 4, 95), entry.BodyRange);
    }

    [TestMethod]
    public void Mixed_day_yields_every_entry_in_order_and_ignores_headings_in_code_blocks()
    {
        var document = Parse("mixed-day.md");

        CollectionAssert.AreEqual(
            new[] { NoteFormat.QuickNote, NoteFormat.Full, NoteFormat.PreOperation, NoteFormat.Emergency, NoteFormat.Survival },
            document.Entries.Select(e => e.Format).ToArray());
        CollectionAssert.AreEqual(new[] { 8, 12, 54, 62, 70 }, document.Entries.Select(e => e.HeadingRange.Start.Line).ToArray());
        // Each entry ends on its own last line, before the blank line and the next heading.
        Assert.AreEqual(new TextPosition(52, 39), document.Entries[1].Range.End);
    }

    [TestMethod]
    public void Snapshot_with_a_collision_suffix_keeps_the_suffix_in_its_timestamp()
    {
        var preOperation = Parse("mixed-day.md").Entries[2];

        Assert.AreEqual("old-site_20260214_125959_2", preOperation.Snapshot!.Id);
        Assert.AreEqual("old-site", preOperation.Snapshot.Name);
        Assert.AreEqual("20260214_125959_2", preOperation.Snapshot.Timestamp);
    }

    [TestMethod]
    public void Columns_count_UTF16_units_so_an_emoji_before_a_value_shifts_later_ranges_by_two()
    {
        // Line 65: "**STATUS:** 🔥 Index builds, results empty" — 🔥 is a surrogate pair.
        var status = Parse("mixed-day.md").Entries[3].Field("STATUS")!;

        Assert.AreEqual(Range(65, 12, 65, 42), status.ValueRange);
        Assert.AreEqual(30, "🔥 Index builds, results empty".Length);
    }

    [TestMethod]
    public void Entry_at_line_finds_the_entry_covering_a_line_and_none_between_entries()
    {
        var document = Parse("mixed-day.md");

        Assert.AreEqual(NoteFormat.Full, document.EntryAtLine(30)!.Format);
        Assert.AreEqual(NoteFormat.PreOperation, document.EntryWithHeadingAt(54)!.Format);
        Assert.IsNull(document.EntryAtLine(53)); // the blank line between two entries
        Assert.IsNull(document.EntryAtLine(0)); // the title
        Assert.IsNull(document.EntryWithHeadingAt(30));
    }

    [TestMethod]
    public void Latest_entry_is_the_latest_checkpoint_by_time_unless_quick_notes_are_asked_for()
    {
        var document = NoteParser.Parse("""
            ## Checkpoint 11:00 — Context: 72%

            ### 18:00 Note

            late note

            ## EMERGENCY CHECKPOINT 15:20 — Context: 89%

            ## Pre-Operation 09:00
            """);

        Assert.AreEqual(new TimeOnly(15, 20), document.LatestEntry()!.Time);
        Assert.AreEqual(new TimeOnly(18, 0), document.LatestEntry(includeQuickNotes: true)!.Time);
        Assert.IsNull(NoteParser.Parse("# 2026-02-13\n\nnothing yet\n").LatestEntry());
    }
}
