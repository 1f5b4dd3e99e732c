using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Parsing;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class NoteTemplatesTests
{
    private static readonly TimeOnly At1430 = new(14, 30);

    [TestMethod]
    public void Emergency_template_is_the_seed_text_with_time_and_context_filled_in()
    {
        var text = NoteTemplates.Render(NoteFormat.Emergency, At1430, 88);

        Assert.AreEqual(
            "## EMERGENCY CHECKPOINT 14:30 — Context: 88%\n\n" +
            "**TASK:** [One line - what we're doing]\n" +
            "**STATUS:** [One line - where we are]\n" +
            "**NEXT:** [One line - immediate next step]\n" +
            "**BLOCKED:** [If applicable, or \"None\"]\n" +
            "**FILES:** [Key files involved]\n",
            text);
    }

    [TestMethod]
    public void Unknown_context_keeps_the_seeds_XX()
    {
        StringAssert.StartsWith(NoteTemplates.Render(NoteFormat.Survival, At1430), "## SURVIVAL 14:30 — Context: XX%\n");
    }

    [TestMethod]
    public void Pre_operation_and_quick_note_templates_have_no_context()
    {
        Assert.AreEqual(
            "## Pre-Operation 14:30\n\n**About to:** [Operation in one line]\n**Current state:** [Where we are right now]\n**After success:** [What to do next]\n**If failure:** [Recovery steps in 2-3 lines]\n",
            NoteTemplates.Render(NoteFormat.PreOperation, At1430, 80));
        Assert.AreEqual(
            "### 14:30 Note\n\n[Brief context worth preserving — decision, preference, important detail]\n",
            NoteTemplates.Render(NoteFormat.QuickNote, At1430, 60));
    }

    [TestMethod]
    public void Full_template_keeps_the_seeds_checklist_and_markers()
    {
        var text = NoteTemplates.Render(NoteFormat.Full, At1430, 75);

        StringAssert.StartsWith(text, "## Checkpoint 14:30 — Context: 75%\n\n### Current Session\n**Started:** [time/date or \"Session in progress\"]\n");
        StringAssert.Contains(text, "- [ ] [In progress] ← WE ARE HERE\n");
        StringAssert.Contains(text, "3. [Continue from step X — \"We were working on...\"]\n");
        StringAssert.EndsWith(text, "**Notes:** [Any other context worth preserving]\n");
    }

    [TestMethod]
    [DataRow(NoteFormat.Full, 75, new[] { "Started", "Task", "Status", "Active Files", "Key Decisions Made", "Progress", "Human's Goals", "Important Constraints", "Preferences Expressed", "Notes" })]
    [DataRow(NoteFormat.Emergency, 88, new[] { "TASK", "STATUS", "NEXT", "BLOCKED", "FILES" })]
    [DataRow(NoteFormat.Survival, 97, new[] { "TASK", "NEXT", "BLOCKED" })]
    [DataRow(NoteFormat.PreOperation, null, new[] { "About to", "Current state", "After success", "If failure" })]
    [DataRow(NoteFormat.QuickNote, null, new string[0])]
    public void Rendered_template_parses_back_to_the_same_format_time_context_and_labels(NoteFormat format, int? context, string[] labels)
    {
        var entry = NoteParser.Parse(NoteTemplates.Render(format, new TimeOnly(9, 5), context)).Entries.Single();

        Assert.AreEqual(format, entry.Format);
        Assert.AreEqual(new TimeOnly(9, 5), entry.Time);
        Assert.AreEqual(context, entry.ContextPercent);
        CollectionAssert.AreEqual(labels, entry.Fields.Select(f => f.Label).ToArray());
    }

    [TestMethod]
    public void Rendered_full_template_parses_back_with_its_checklist_and_instructions()
    {
        var entry = NoteParser.Parse(NoteTemplates.Render(NoteFormat.Full, At1430, 75)).Entries.Single();

        Assert.AreEqual(2, entry.Progress!.DoneCount);
        Assert.AreEqual(5, entry.Progress.Total);
        Assert.AreEqual("[In progress]", entry.Progress.Current!.Text);
        Assert.AreEqual(3, entry.ResumeInstructions.Count);
        Assert.AreEqual(5, entry.Sections.Count);
    }

    [TestMethod]
    public void Every_rendered_template_is_flagged_as_full_of_placeholders_and_nothing_else()
    {
        foreach (var template in NoteTemplates.All)
        {
            var document = NoteParser.Parse(template.Render(At1430, null));
            var codes = new NoteDiagnosticsProvider(workspaceRoot: null).Provide(document, CancellationToken.None).Select(d => d.Code).Distinct().ToArray();

            CollectionAssert.AreEqual(new[] { NoteDiagnosticCodes.Placeholder }, codes, template.Label);
        }
    }

    [TestMethod]
    public void Snippet_puts_numbered_tab_stops_on_every_placeholder_and_ends_with_the_final_cursor()
    {
        var snippet = NoteTemplates.RenderSnippet(NoteFormat.Survival, At1430);

        Assert.AreEqual(
            "## SURVIVAL 14:30 — Context: ${1:XX}%\n\n**TASK:** ${2:[One line]}\n**NEXT:** ${3:[One line]}\n**BLOCKED:** ${4:[Yes/No]}\n$0",
            snippet);
    }

    [TestMethod]
    public void Snippet_with_a_known_context_has_no_tab_stop_on_it()
    {
        StringAssert.StartsWith(NoteTemplates.RenderSnippet(NoteFormat.Emergency, At1430, 90), "## EMERGENCY CHECKPOINT 14:30 — Context: 90%\n\n**TASK:** ${1:[One line - what we're doing]}");
    }

    [TestMethod]
    public void Full_snippet_numbers_repeated_placeholders_separately()
    {
        var snippet = NoteTemplates.RenderSnippet(NoteFormat.Full, At1430, 75);

        StringAssert.Contains(snippet, "- [x] ${12:[Completed step]}\n- [x] ${13:[Completed step]}\n");
        Assert.AreEqual(25, System.Text.RegularExpressions.Regex.Matches(snippet, @"\$\{\d+:").Count);
    }

    [TestMethod]
    public void Snippet_escaping_protects_dollar_brace_and_backslash()
    {
        Assert.AreEqual(@"cost \$5 \} C:\\temp {ok\}", SnippetText.Escape(@"cost $5 } C:\temp {ok}"));
        Assert.AreEqual(@"${3:a \$b \}c\\}", SnippetText.Placeholder(3, @"a $b }c\"));
        Assert.AreEqual("plain", SnippetText.Escape("plain"));
    }

    [TestMethod]
    public void Format_wire_names_match_the_protocol()
    {
        CollectionAssert.AreEqual(new[] { "full", "emergency", "survival", "pre-operation", "quick" }, NoteFormatNames.WireNames.ToArray());
        Assert.IsTrue(NoteFormatNames.TryParse("Pre-Operation", out var format));
        Assert.AreEqual(NoteFormat.PreOperation, format);
        Assert.IsFalse(NoteFormatNames.TryParse("fullish", out _));
    }
}
