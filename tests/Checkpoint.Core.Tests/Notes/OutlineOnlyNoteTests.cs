using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Model;
using static Checkpoint.Core.Tests.Notes.NoteFixtures;

namespace Checkpoint.Core.Tests.Notes;

/// <summary>
/// A note above <see cref="NoteLanguageServiceOptions.MaxFullFeatureLength"/> (here the limit is set to 0, so
/// every fixture is above it) gets an outline read by a line scan: the same entries as the full parse, no
/// lenses, one diagnostic, and commands that still read their entry whole.
/// </summary>
[TestClass]
public sealed class OutlineOnlyNoteTests
{
    private static NoteLanguageService Full() => new(new NoteLanguageServiceOptions { WorkspaceRoot = "/ws", PathExists = _ => true });

    private static NoteLanguageService OutlineOnly() => new(new NoteLanguageServiceOptions { WorkspaceRoot = "/ws", PathExists = _ => true, MaxFullFeatureLength = 0 });

    [TestMethod]
    [DataRow("mixed-day.md")]
    [DataRow("lenient.crlf.md")]
    [DataRow("full.md")]
    [DataRow("emergency.md")]
    [DataRow("survival.md")]
    [DataRow("pre-operation.md")]
    [DataRow("quick-note.md")]
    [DataRow("broken-missing-fields.md")]
    [DataRow("broken-placeholders.md")]
    [DataRow("broken-threshold.md")]
    public void The_outline_has_the_entries_of_the_full_parse_with_the_same_headings_and_ranges(string fixture)
    {
        var full = Full().GetDocument(Document(fixture));
        var outline = OutlineOnly().GetDocument(Document(fixture));

        Assert.IsTrue(outline.IsOutlineOnly);
        Assert.IsFalse(full.IsOutlineOnly);
        Assert.AreEqual(full.Title, outline.Title);
        CollectionAssert.AreEqual(full.Entries.Select(Heading).ToArray(), outline.Entries.Select(Heading).ToArray());
        CollectionAssert.AreEqual(full.Entries.Select(e => e.Body).ToArray(), outline.Entries.Select(e => e.Body).ToArray(), "a quick note keeps its text");
        Assert.IsTrue(outline.Entries.All(e => e.Fields.Count == 0 && e.Sections.Count == 0));
    }

    [TestMethod]
    public void An_outlined_note_has_no_lenses_entries_without_children_and_one_diagnostic_that_says_why()
    {
        var service = new NoteLanguageService(new NoteLanguageServiceOptions { MaxFullFeatureLength = 1024 });
        var document = Document("mixed-day.md");

        var lenses = service.GetCodeLenses(document);
        var symbols = service.GetDocumentSymbols(document);
        var diagnostics = service.GetDiagnostics(document);

        Assert.AreEqual(0, lenses.Count);
        CollectionAssert.AreEqual(
            new[] { "09:40 Quick note", "11:15 Full checkpoint — 72%", "13:00 Pre-Operation checkpoint", "15:20 Emergency checkpoint — 89%", "16:45 Survival checkpoint — 96%" },
            symbols.Select(s => s.Name).ToArray());
        Assert.IsTrue(symbols.All(s => s.Children.Count == 0));
        var tooLarge = diagnostics.Single();
        Assert.AreEqual(NoteDiagnosticCodes.NoteTooLarge, tooLarge.Code);
        Assert.AreEqual(NoteDiagnosticSeverity.Information, tooLarge.Severity);
        Assert.AreEqual(Range(0, 0, 0, 12), tooLarge.Range);
        StringAssert.StartsWith(tooLarge.Message, "Note too large for full features: 0.0 MB > 0 MB limit.");
    }

    [TestMethod]
    public void Commands_on_an_outlined_note_read_their_entry_whole()
    {
        var document = Document("mixed-day.md");
        var full = Full();
        var outline = OutlineOnly();
        int[] headingLines = [.. full.GetDocument(document).Entries.Select(e => e.HeadingRange.Start.Line)];

        foreach (var line in headingLines.Concat(headingLines.Select(l => l + 3)))
        {
            Assert.AreEqual(full.GetResumeBrief(document, line), outline.GetResumeBrief(document, line), $"brief at line {line}");
            Assert.AreEqual(full.GetSnapshotLinkEdit(document, line, "notes-2026-02-14_20260214_170000"), outline.GetSnapshotLinkEdit(document, line, "notes-2026-02-14_20260214_170000"), $"link at line {line}");
            Assert.AreEqual(full.GetEntryAt(document, line)?.Fields.Count, outline.GetEntryAt(document, line)?.Fields.Count, $"fields at line {line}");
        }
        Assert.AreEqual(full.GetLatestEntry(document)?.Snapshot, outline.GetLatestEntry(document)?.Snapshot);
    }

    [TestMethod]
    public void A_heading_in_a_fenced_block_is_not_an_entry_and_the_fence_ends_at_its_closing_run()
    {
        const string text = "# 2026-02-20\n\n~~~~\n## Checkpoint 09:00 — Context: 10%\n~~~\n## SURVIVAL 09:05 — Context: 96%\n~~~~\n\n```bash\n### 09:10 Note\n```\n\n### 09:20 Note\n\nOutside.\n";
        var document = new NoteTextDocument("file:///notes/2026-02-20.md", 1, text);

        var full = Full().GetDocument(document);
        var outline = OutlineOnly().GetDocument(document);

        CollectionAssert.AreEqual(new[] { "09:20 Note" }, full.Entries.Select(e => e.HeadingText).ToArray());
        CollectionAssert.AreEqual(full.Entries.Select(Heading).ToArray(), outline.Entries.Select(Heading).ToArray());
    }

    private static string Heading(NoteEntry entry) =>
        $"{entry.Format} {entry.HeadingLevel} '{entry.HeadingText}' {entry.HeadingRange} {entry.Range} {entry.Time} {entry.TimeRange} {entry.ContextPercent} {entry.ContextRange}";
}
