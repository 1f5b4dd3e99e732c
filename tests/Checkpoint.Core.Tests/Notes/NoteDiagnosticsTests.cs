using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Parsing;
using static Checkpoint.Core.Tests.Notes.NoteFixtures;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class NoteDiagnosticsTests
{
    private static List<NoteDiagnostic> Diagnose(string fixture, string? root = null, Func<string, bool>? exists = null) =>
        new NoteDiagnosticsProvider(root, exists).Provide(NoteFixtures.Parse(fixture), CancellationToken.None)
            .OrderBy(d => d.Range.Start)
            .ToList();

    [TestMethod]
    [DataRow("full.md")]
    [DataRow("emergency.md")]
    [DataRow("survival.md")]
    [DataRow("pre-operation.md")]
    [DataRow("quick-note.md")]
    [DataRow("mixed-day.md")]
    public void Seed_examples_have_no_diagnostics_when_their_files_exist(string fixture)
    {
        var diagnostics = Diagnose(fixture, "/ws", _ => true);

        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void Missing_required_fields_are_reported_on_the_heading_and_empty_ones_on_the_field()
    {
        var diagnostics = Diagnose("broken-missing-fields.md");

        Assert.IsTrue(diagnostics.All(d => d.Code == NoteDiagnosticCodes.MissingField && d.Severity == NoteDiagnosticSeverity.Warning));
        CollectionAssert.AreEqual(
            new[]
            {
                (Range(2, 0, 2, 44), "Emergency checkpoint is missing **STATUS:**"),
                (Range(2, 0, 2, 44), "Emergency checkpoint is missing **BLOCKED:**"),
                (Range(5, 0, 5, 9), "**NEXT:** is empty"),
                (Range(8, 0, 8, 22), "Pre-Operation checkpoint is missing **Current state:**"),
                (Range(8, 0, 8, 22), "Pre-Operation checkpoint is missing **After success:**"),
                (Range(8, 0, 8, 22), "Pre-Operation checkpoint is missing **If failure:**"),
            },
            diagnostics.Select(d => (d.Range, d.Message)).ToArray());
    }

    [TestMethod]
    public void Placeholders_left_in_are_reported_at_their_exact_range()
    {
        var diagnostics = Diagnose("broken-placeholders.md");

        Assert.IsTrue(diagnostics.All(d => d.Code == NoteDiagnosticCodes.Placeholder));
        CollectionAssert.AreEqual(
            new[]
            {
                (Range(2, 25, 2, 30), "Still the template placeholder HH:MM"),
                (Range(2, 43, 2, 46), "Still the template placeholder XX%"),
                (Range(4, 10, 4, 39), "Still the template placeholder [One line - what we're doing]"),
                (Range(5, 12, 5, 37), "Still the template placeholder [One line - where we are]"),
                (Range(7, 13, 7, 39), "Still the template placeholder [If applicable, or \"None\"]"),
            },
            diagnostics.Select(d => (d.Range, d.Message)).ToArray());
    }

    [TestMethod]
    public void Format_that_does_not_match_the_context_band_earns_a_hint_on_the_percentage()
    {
        var hints = Diagnose("broken-threshold.md").Where(d => d.Code == NoteDiagnosticCodes.FormatThreshold).ToList();

        Assert.IsTrue(hints.All(d => d.Severity == NoteDiagnosticSeverity.Hint));
        CollectionAssert.AreEqual(
            new[]
            {
                (Range(2, 31, 2, 34), "Emergency format expected at 85–94 %"),
                (Range(6, 41, 6, 44), "Quick Note format expected at 50–69 %"),
                (Range(14, 29, 14, 32), "Full format expected at 70–84 %"),
            },
            hints.Select(d => (d.Range, d.Message)).ToArray());
    }

    [TestMethod]
    [DataRow(30, null)]
    [DataRow(55, NoteFormat.QuickNote)]
    [DataRow(70, NoteFormat.Full)]
    [DataRow(84, NoteFormat.Full)]
    [DataRow(85, NoteFormat.Emergency)]
    [DataRow(94, NoteFormat.Emergency)]
    [DataRow(95, NoteFormat.Survival)]
    public void Context_thresholds_follow_the_seed(int percent, NoteFormat? expected)
    {
        Assert.AreEqual(expected, ContextThresholds.ExpectedFormat(percent));
    }

    [TestMethod]
    public void Pre_operation_with_a_context_and_checkpoints_below_fifty_percent_earn_no_threshold_hint()
    {
        var document = NoteParser.Parse("## Pre-Operation 10:00 — Context: 90%\n\n## Checkpoint 11:00 — Context: 40%\n");

        var hints = new NoteDiagnosticsProvider(null).Provide(document, CancellationToken.None).Where(d => d.Code == NoteDiagnosticCodes.FormatThreshold);

        Assert.AreEqual(0, hints.Count());
    }

    [TestMethod]
    public void Files_missing_from_the_workspace_are_reported_with_UTF16_columns_after_an_emoji()
    {
        var probed = new List<string>();
        var diagnostics = Diagnose("broken-missing-file.md", "/ws", path =>
        {
            probed.Add(path);
            return path.EndsWith("present.sh", StringComparison.Ordinal);
        });

        CollectionAssert.AreEqual(
            new[] { Path.Combine("/ws", "scripts/present.sh"), Path.Combine("/ws", "scripts/gone.sh"), Path.Combine("/ws", "docs/also-gone.md") },
            probed);
        CollectionAssert.AreEqual(
            new[]
            {
                (Range(8, 34, 8, 49), "File not found in the workspace: scripts/gone.sh"),
                (Range(8, 52, 8, 69), "File not found in the workspace: docs/also-gone.md"),
            },
            diagnostics.Select(d => (d.Range, d.Message)).ToArray());
        Assert.IsTrue(diagnostics.All(d => d.Code == NoteDiagnosticCodes.MissingFile));
    }

    [TestMethod]
    public void Active_files_are_checked_without_their_description()
    {
        var diagnostics = Diagnose("mixed-day.md", "/ws", path => !path.EndsWith("index.md", StringComparison.Ordinal));

        var missing = diagnostics.Single();
        Assert.AreEqual(Range(22, 2, 22, 15), missing.Range);
        Assert.AreEqual("File not found in the workspace: docs/index.md", missing.Message);
    }

    [TestMethod]
    public void Without_a_probe_the_real_file_system_is_checked()
    {
        var root = Path.Combine(Path.GetTempPath(), "checkpoint-notes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "search"));
        File.WriteAllText(Path.Combine(root, "search", "index.json"), "{}");
        try
        {
            var document = NoteParser.Parse("## SURVIVAL 10:00 — Context: 96%\n\n**TASK:** t\n**NEXT:** n\n**BLOCKED:** No\n**FILES:** search/index.json, search/none.json\n");

            var diagnostics = new NoteDiagnosticsProvider(root).Provide(document, CancellationToken.None);

            Assert.AreEqual("File not found in the workspace: search/none.json", diagnostics.Single().Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Invalid_time_and_context_out_of_range_are_reported()
    {
        var document = NoteParser.Parse("## SURVIVAL 25:10 — Context: 140%\n\n**TASK:** t\n**NEXT:** n\n**BLOCKED:** No\n");

        var diagnostics = new NoteDiagnosticsProvider(null).Provide(document, CancellationToken.None);

        CollectionAssert.AreEqual(
            new[] { (Range(0, 12, 0, 17), NoteDiagnosticCodes.InvalidHeading), (Range(0, 29, 0, 33), NoteDiagnosticCodes.InvalidHeading) },
            diagnostics.Select(d => (d.Range, d.Code)).ToArray());
    }

    [TestMethod]
    public void Quick_note_without_text_is_reported()
    {
        var diagnostics = new NoteDiagnosticsProvider(null).Provide(NoteParser.Parse("### 10:00 Note\n\n### 10:05 Note\nok\n"), CancellationToken.None);

        Assert.AreEqual((Range(0, 0, 0, 14), "Quick note has no text"), (diagnostics.Single().Range, diagnostics.Single().Message));
    }
}
