using System.Text;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class EpisodicJournalTests
{
    private static readonly DateOnly Day = new(2026, 2, 13);
    private string _root = "";

    [TestInitialize]
    public void CreateWorkspace()
    {
        _root = Path.Combine(Path.GetTempPath(), "checkpoint-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TestCleanup]
    public void DeleteWorkspace() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void First_append_creates_the_day_file_with_its_title_and_a_blank_line()
    {
        var journal = EpisodicJournal.ForWorkspace(_root);

        var result = journal.AppendTemplate(NoteFormat.Survival, Day, new TimeOnly(21, 5), 97);

        Assert.AreEqual(Path.Combine(_root, "memory", "episodic", "2026-02-13.md"), result.Path);
        Assert.AreEqual(2, result.Line);
        var text = File.ReadAllText(result.Path);
        Assert.AreEqual("# 2026-02-13\n\n## SURVIVAL 21:05 — Context: 97%\n\n**TASK:** [One line]\n**NEXT:** [One line]\n**BLOCKED:** [Yes/No]\n", text);
        Assert.AreEqual(result.Text, text[text.IndexOf("## SURVIVAL", StringComparison.Ordinal)..]);
    }

    [TestMethod]
    public void Second_append_is_separated_by_one_blank_line_and_reports_its_heading_line()
    {
        var journal = EpisodicJournal.ForWorkspace(_root);
        journal.AppendTemplate(NoteFormat.QuickNote, Day, new TimeOnly(9, 0));

        var result = journal.AppendTemplate(NoteFormat.PreOperation, Day, new TimeOnly(9, 30));

        var lines = File.ReadAllLines(result.Path);
        Assert.AreEqual("## Pre-Operation 09:30", lines[result.Line]);
        Assert.AreEqual("", lines[result.Line - 1]);
        Assert.AreNotEqual("", lines[result.Line - 2]);
        var document = NoteParser.Parse(File.ReadAllText(result.Path));
        CollectionAssert.AreEqual(new[] { NoteFormat.QuickNote, NoteFormat.PreOperation }, document.Entries.Select(e => e.Format).ToArray());
    }

    [TestMethod]
    public void Existing_CRLF_file_without_a_final_newline_stays_CRLF_throughout()
    {
        var journal = EpisodicJournal.ForWorkspace(_root);
        Directory.CreateDirectory(journal.Folder);
        File.WriteAllText(journal.PathFor(Day), "# 2026-02-13\r\n\r\n### 08:00 Note\r\n\r\nearly start");

        var result = journal.AppendTemplate(NoteFormat.Emergency, Day, new TimeOnly(10, 0), 90);

        var text = File.ReadAllText(result.Path);
        Assert.AreEqual(6, result.Line);
        StringAssert.StartsWith(text, "# 2026-02-13\r\n\r\n### 08:00 Note\r\n\r\nearly start\r\n\r\n## EMERGENCY CHECKPOINT 10:00 — Context: 90%\r\n");
        Assert.IsFalse(text.Replace("\r\n", "").Contains('\n'), "every line break is CRLF");
        Assert.IsTrue(text.EndsWith("\r\n", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Existing_BOM_is_kept()
    {
        var journal = new EpisodicJournal(Path.Combine(_root, "notes"));
        Directory.CreateDirectory(journal.Folder);
        File.WriteAllBytes(journal.PathFor(Day), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("# 2026-02-13\n")]);

        var result = journal.AppendTemplate(NoteFormat.QuickNote, Day, new TimeOnly(8, 0));

        var bytes = File.ReadAllBytes(result.Path);
        CollectionAssert.AreEqual(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.AreEqual("# 2026-02-13\n\n### 08:00 Note\n\n[Brief context worth preserving — decision, preference, important detail]\n", Encoding.UTF8.GetString(bytes[3..]));
        Assert.AreEqual(2, result.Line);
    }

    [TestMethod]
    public void Configured_folder_is_used_and_no_temporary_file_is_left_behind()
    {
        var journal = EpisodicJournal.ForWorkspace(_root, "notes/days");

        var result = journal.Append(Day, "### 12:00 Note\r\n\r\nlunch\r\n");

        Assert.AreEqual(Path.Combine(_root, "notes", "days", "2026-02-13.md"), result.Path);
        // The day file, and the (empty) cross-process lock file; no temporary file.
        CollectionAssert.AreEquivalent(new[] { "2026-02-13.md", EpisodicJournal.LockFileName }, Directory.GetFiles(journal.Folder).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("### 12:00 Note\n\nlunch\n", result.Text);
    }

    [TestMethod]
    public void Concurrent_appends_in_one_process_keep_every_entry()
    {
        var journal = EpisodicJournal.ForWorkspace(_root);

        Parallel.For(0, 20, i => journal.AppendTemplate(NoteFormat.QuickNote, Day, new TimeOnly(10, i)));

        var document = NoteParser.Parse(File.ReadAllText(journal.PathFor(Day)));
        Assert.AreEqual(20, document.Entries.Count);
        Assert.AreEqual("2026-02-13", document.Title);
    }
}
