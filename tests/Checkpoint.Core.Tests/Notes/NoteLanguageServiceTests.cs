using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using static Checkpoint.Core.Tests.Notes.NoteFixtures;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class NoteLanguageServiceTests
{
    private static NoteLanguageService Service(DateTimeOffset? now = null) => new(new NoteLanguageServiceOptions
    {
        WorkspaceRoot = "/ws",
        PathExists = _ => true,
        Clock = new FixedClock(now ?? new DateTimeOffset(2026, 2, 13, 14, 7, 0, TimeSpan.Zero)),
    });

    [TestMethod]
    public void Lenses_on_a_full_checkpoint_offer_the_brief_progress_and_a_snapshot()
    {
        var lenses = Service().GetCodeLenses(Document("full.md"));

        CollectionAssert.AreEqual(
            new[] { "Resume brief", "Progress 3/5", "Snapshot files now" },
            lenses.Select(l => l.Title).ToArray());
        Assert.IsTrue(lenses.All(l => l.Range == Range(2, 0, 2, 34)));
        CollectionAssert.AreEqual(new object[] { "file:///notes/full.md", 2 }, lenses[0].Arguments.ToArray());
        var checklist = Service().GetDocument(Document("full.md")).Entries.Single().Progress!.Range;
        CollectionAssert.AreEqual(new object[] { "file:///notes/full.md", 2, checklist.Start.Line, checklist.End.Line }, lenses[1].Arguments.ToArray());
        Assert.AreEqual((20, 24), (checklist.Start.Line, checklist.End.Line), "The five checklist items, 0-based lines 20-24 of full.md.");
    }

    [TestMethod]
    public void Linked_snapshot_adds_a_restore_lens_labelled_as_the_failure_path_on_a_pre_operation_entry()
    {
        var lenses = Service().GetCodeLenses(Document("mixed-day.md"));

        var restores = lenses.Where(l => l.Kind == NoteCodeLensKind.RestoreSnapshot).ToList();
        CollectionAssert.AreEqual(
            new[] { "Restore docs-site_20260214_111502", "Restore old-site_20260214_125959_2 (if failure)" },
            restores.Select(l => l.Title).ToArray());
        CollectionAssert.AreEqual(new object[] { "old-site_20260214_125959_2" }, restores[1].Arguments.ToArray());
        Assert.AreEqual(Range(54, 0, 54, 22), restores[1].Range);
        Assert.AreEqual(13, lenses.Count); // per entry a brief and a snapshot lens, plus one progress and two restores
    }

    [TestMethod]
    public void Resume_brief_reads_as_the_seeds_recovery_sentence()
    {
        var service = Service();
        var document = Document("emergency.md");

        Assert.AreEqual(
            "Resuming from checkpoint at 19:45. Last captured: Updated 4 of 4 scripts (daily-ops.sh, weekly-review.sh, health-check.sh, status.sh). Continuing with Test all scripts, document final list of changes.",
            service.GetResumeBrief(document, 2));
        Assert.IsNull(service.GetResumeBrief(document, 0));
    }

    [TestMethod]
    public void Resume_brief_of_a_pre_operation_uses_current_state_and_after_success()
    {
        Assert.AreEqual(
            "Resuming from checkpoint at 20:20. Last captured: All scripts tested and verified working, memory/procedural/checkpoints.md updated. Continuing with Create path-verification-2026-02-13.md documentation, announce completion.",
            Service().GetResumeBrief(Document("pre-operation.md"), 4));
    }

    [TestMethod]
    public void Resume_brief_of_a_full_checkpoint_continues_with_the_first_resume_instruction()
    {
        Assert.AreEqual(
            "Resuming from checkpoint at 11:15. Last captured: in progress. Continuing with Run the link checker on docs/.",
            Service().GetResumeBrief(Document("mixed-day.md"), 12));
    }

    [TestMethod]
    public void Resume_brief_falls_back_to_the_checklist_and_says_so_when_nothing_is_recorded()
    {
        var service = Service();
        var checklistOnly = new NoteTextDocument("u", 1, "## Checkpoint 14:30 — Context: 75%\n\n**Progress:**\n- [x] a\n- [ ] b ← WE ARE HERE\n- [ ] c\n");
        var placeholdersOnly = new NoteTextDocument("v", 1, "## SURVIVAL 23:59 — Context: 99%\n\n**TASK:** [One line]\n**NEXT:** [One line]\n");

        Assert.AreEqual("Resuming from checkpoint at 14:30. Last captured: b. Continuing with b.", service.GetResumeBrief(checklistOnly, 0));
        Assert.AreEqual(
            "Resuming from checkpoint at 23:59. Last captured: no status recorded. Continuing with the next step (none recorded).",
            service.GetResumeBrief(placeholdersOnly, 0));
    }

    [TestMethod]
    public void Latest_entry_of_the_mixed_day_is_the_survival_checkpoint()
    {
        Assert.AreEqual(NoteFormat.Survival, Service().GetLatestEntry(Document("mixed-day.md"))!.Format);
    }

    [TestMethod]
    public void Symbols_outline_entries_with_sections_and_fields_as_children()
    {
        var symbols = Service().GetDocumentSymbols(Document("mixed-day.md"));

        CollectionAssert.AreEqual(
            new[] { "09:40 Quick note", "11:15 Full checkpoint — 72%", "13:00 Pre-Operation checkpoint", "15:20 Emergency checkpoint — 89%", "16:45 Survival checkpoint — 96%" },
            symbols.Select(s => s.Name).ToArray());
        var full = symbols[1];
        Assert.AreEqual(Range(12, 0, 52, 39), full.Range);
        Assert.AreEqual(Range(12, 0, 12, 34), full.SelectionRange);
        Assert.AreEqual("in progress", full.Detail);
        CollectionAssert.AreEqual(
            new[] { "Current Session", "Work State", "Context to Preserve", "Resume Instructions", "Open Questions" },
            full.Children.Select(c => c.Name).ToArray());
        var openQuestions = full.Children[4];
        CollectionAssert.AreEqual(new[] { "Notes", "Snapshot" }, openQuestions.Children.Select(c => c.Name).ToArray());
        var emergencyStatus = symbols[3].Children.Single(c => c.Name == "STATUS");
        Assert.AreEqual(NoteSymbolKind.Field, emergencyStatus.Kind);
        Assert.AreEqual(Range(65, 0, 65, 42), emergencyStatus.Range);
        Assert.AreEqual(Range(65, 2, 65, 8), emergencyStatus.SelectionRange);
    }

    [TestMethod]
    public void Every_symbol_selection_range_lies_inside_its_range()
    {
        foreach (var symbol in Flatten(Service().GetDocumentSymbols(Document("full.md"))))
        {
            Assert.IsTrue(symbol.Range.Contains(symbol.SelectionRange.Start) && symbol.Range.Contains(symbol.SelectionRange.End), symbol.Name);
        }
    }

    [TestMethod]
    public void Completions_at_the_start_of_a_line_offer_the_five_templates_with_the_time_filled_in()
    {
        var document = new NoteTextDocument("u", 1, "# 2026-02-13\n\n");

        var items = Service().GetCompletions(document, new TextPosition(2, 0));

        CollectionAssert.AreEqual(
            new[] { "Full checkpoint", "Emergency checkpoint", "Survival checkpoint", "Pre-Operation checkpoint", "Quick note" },
            items.Select(i => i.Label).ToArray());
        Assert.AreEqual("## EMERGENCY CHECKPOINT 14:07 — Context: XX%  (context 85–94 %)", items[1].Detail);
        StringAssert.StartsWith(items[1].Snippet, "## EMERGENCY CHECKPOINT 14:07 — Context: ${1:XX}%\n\n**TASK:** ${2:[One line - what we're doing]}");
        StringAssert.StartsWith(items[4].Documentation, "```markdown\n### 14:07 Note\n");
        Assert.IsTrue(items.All(i => i.ReplaceRange == Range(2, 0, 2, 0)));
    }

    [TestMethod]
    public void Completions_after_typed_hashes_replace_them()
    {
        var document = new NoteTextDocument("u", 1, "intro\n  ## Eme");

        var items = Service().GetCompletions(document, new TextPosition(1, 8));

        Assert.AreEqual(5, items.Count);
        Assert.IsTrue(items.All(i => i.ReplaceRange == Range(1, 2, 1, 8)));
        Assert.AreEqual("## EMERGENCY CHECKPOINT", items[1].FilterText);
    }

    [TestMethod]
    public void No_completions_in_the_middle_of_text()
    {
        var document = new NoteTextDocument("u", 1, "**TASK:** write\n");

        Assert.AreEqual(0, Service().GetCompletions(document, new TextPosition(0, 10)).Count);
        Assert.AreEqual(0, Service().GetCompletions(document, new TextPosition(7, 0)).Count);
    }

    [TestMethod]
    public void Snapshot_link_edit_appends_a_snapshot_line_in_the_documents_line_endings()
    {
        var document = NoteFixtures.Document("lenient.crlf.md");

        var edit = Service().GetSnapshotLinkEdit(document, 6, "notes-2026-02-15_20260215_103000")!;

        Assert.AreEqual(Range(12, 21, 12, 21), edit.Range);
        Assert.AreEqual("\r\n\r\n**Snapshot:** notes-2026-02-15_20260215_103000", edit.NewText);
    }

    [TestMethod]
    public void Snapshot_link_edit_replaces_an_existing_snapshot_id()
    {
        var edit = Service().GetSnapshotLinkEdit(Document("pre-operation.md"), 2, "notes-2026-02-13_20260213_210000")!;

        Assert.AreEqual(Range(8, 14, 8, 46), edit.Range);
        Assert.AreEqual("notes-2026-02-13_20260213_210000", edit.NewText);
    }

    [TestMethod]
    public void Same_version_is_parsed_once_and_a_new_version_is_parsed_again()
    {
        var service = Service();
        var first = NoteFixtures.Document("survival.md", version: 1);

        var parsed = service.GetDocument(first);
        Assert.AreSame(parsed, service.GetDocument(first with { }));
        service.GetCodeLenses(first);
        Assert.AreSame(parsed, service.GetDocument(first));

        var second = first with { Version = 2, Text = first.Text.Replace("21:05", "21:10", StringComparison.Ordinal) };
        var reparsed = service.GetDocument(second);
        Assert.AreNotSame(parsed, reparsed);
        Assert.AreEqual(new TimeOnly(21, 10), reparsed.Entries.Single().Time);
        Assert.AreEqual(2, reparsed.Version);
    }

    [TestMethod]
    public void Forgotten_document_is_parsed_again_even_at_the_same_version()
    {
        var cache = new NoteDocumentCache();
        var document = NoteFixtures.Document("survival.md");
        var parsed = cache.Get(document);

        cache.Remove(document.Uri);

        Assert.AreEqual(0, cache.Count);
        Assert.AreNotSame(parsed, cache.Get(document));
    }

    [TestMethod]
    public void Cancelled_request_throws_and_caches_nothing()
    {
        var cache = new NoteDocumentCache();
        var large = new NoteTextDocument("big", 1, LargeNoteGenerator.Generate(entries: 200));

        Assert.ThrowsExactly<OperationCanceledException>(() => cache.Get(large, new CancellationToken(canceled: true)));
        Assert.AreEqual(0, cache.Count);
    }

    [TestMethod]
    public void Snapshot_name_comes_from_the_title_then_the_file_name()
    {
        Assert.AreEqual("notes-2026-02-14", NoteSnapshotNaming.NameFor(NoteFixtures.Parse("mixed-day.md")));
        Assert.AreEqual("notes-2026-03-01", NoteSnapshotNaming.NameFor(Checkpoint.Core.Notes.Parsing.NoteParser.Parse("no title", "file:///w/memory/episodic/2026-03-01.md")));
        Assert.AreEqual("notes", NoteSnapshotNaming.NameFor(Checkpoint.Core.Notes.Parsing.NoteParser.Parse("# Monday", "untitled:1")));
        Assert.AreEqual("pre-operation", NoteSnapshotNaming.StageFor(NoteFixtures.Parse("pre-operation.md").Entries.Single()));
    }

    private static IEnumerable<NoteSymbol> Flatten(IEnumerable<NoteSymbol> symbols) =>
        symbols.SelectMany(s => Flatten(s.Children).Prepend(s));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
