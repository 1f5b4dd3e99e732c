using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// Code lenses of a note over stdio as the note changes: the server re-parses only the entries
/// that changed and keeps each version's answer, and neither may show a stale lens.
/// </summary>
[TestClass]
public sealed class NoteLensUpdateTests
{
    private const string Note = "memory/episodic/2026-03-01.md";

    [TestMethod]
    public async Task An_edit_in_the_middle_of_a_note_changes_that_entrys_lenses_and_moves_the_later_ones()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write(Note, Generate(120)));
        var uri = await session.OpenAsync(Note);
        var before = await LensesAsync(session, uri);
        var text = session.Workspace.Read(Note);
        var edited = text.Replace("- [ ] Step two of entry 30\n", "- [x] Step two of entry 30\n- [ ] Step three of entry 30\n\n", StringComparison.Ordinal);
        Assert.AreNotEqual(text, edited, "the generated note has the line the test edits");
        var editedHeading = HeadingLine(text, 30);

        await ChangeAsync(session, uri, 2, edited);
        var after = await LensesAsync(session, uri);

        Assert.HasCount(before.Count, after);
        for (var i = 0; i < before.Count; i++)
        {
            if (before[i].Line < editedHeading)
            {
                Assert.AreEqual(before[i], after[i], "a lens above the edit is unchanged");
            }
            else if (before[i].Line == editedHeading)
            {
                Assert.AreEqual(editedHeading, after[i].Line);
                Assert.AreEqual(before[i].Title == "Progress 1/2" ? "Progress 2/3" : before[i].Title, after[i].Title);
            }
            else
            {
                Assert.AreEqual(before[i] with { Line = before[i].Line + 2, Argument = before[i].Argument is int line ? line + 2 : before[i].Argument }, after[i], "a lens below the edit moves down two lines");
            }
        }
        Assert.IsTrue(after.Any(l => l.Line == editedHeading && l.Title == "Progress 2/3"));
    }

    [TestMethod]
    public async Task Lenses_follow_each_change_and_a_note_reopened_with_other_text_at_the_same_version()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write(Note, Generate(10)));
        var uri = await session.OpenAsync(Note);
        var answer = await session.Client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri } });
        Assert.IsTrue(answer.EnumerateArray().All(lens => lens.TryGetProperty("command", out _)), "a small note gets its lenses whole");
        var first = await LensesAsync(session, uri);
        CollectionAssert.AreEqual(first, await LensesAsync(session, uri), "asking again for the same version gives the same lenses");
        Assert.AreEqual(20, first.Count(l => l.Title == "Resume brief"), "a checkpoint and a quick note per generated entry");

        await ChangeAsync(session, uri, 2, Generate(4));
        var changed = await LensesAsync(session, uri);
        Assert.AreEqual(8, changed.Count(l => l.Title == "Resume brief"));

        await session.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await session.Client.NotifyAsync("textDocument/didOpen", new
        {
            textDocument = new { uri, languageId = "markdown", version = 1, text = Generate(7) },
        });
        var reopened = await LensesAsync(session, uri);
        Assert.AreEqual(14, reopened.Count(l => l.Title == "Resume brief"), "the reopened note's text, not the first version's answer");
    }

    [TestMethod]
    public async Task Incremental_changes_patch_the_note_in_order_and_give_the_same_lenses_as_the_whole_text()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write(Note, Generate(40)));
        var uri = await session.OpenAsync(Note);
        var text = session.Workspace.Read(Note);
        var lines = text.Split('\n');
        var step = Array.IndexOf(lines, "- [ ] Step two of entry 20");
        Assert.IsGreaterThan(0, step, "the generated note has the line the test edits");

        // What the editor sends while typing: small ranges, several in one notification, applied in order —
        // tick the box, then insert a new step after it (its position counts the first edit).
        await session.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new object[]
            {
                new { range = new { start = new { line = step, character = 3 }, end = new { line = step, character = 4 } }, text = "x" },
                new { range = new { start = new { line = step + 1, character = 0 }, end = new { line = step + 1, character = 0 } }, text = "- [ ] Step three of entry 20\n" },
            },
        });
        var incremental = await LensesAsync(session, uri);

        lines[step] = "- [x] Step two of entry 20\n- [ ] Step three of entry 20";
        await ChangeAsync(session, uri, 3, string.Join('\n', lines));
        var whole = await LensesAsync(session, uri);

        CollectionAssert.AreEqual(whole, incremental, "patching the ranges gives the note the whole text gives");
        Assert.IsTrue(incremental.Any(l => l.Line == HeadingLine(text, 20) && l.Title == "Progress 2/3"));
    }

    [TestMethod]
    public async Task A_lens_resolved_after_its_entry_is_gone_or_with_data_the_server_never_wrote_comes_back_without_a_command()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write(Note, Generate(120)));
        var uri = await session.OpenAsync(Note);
        var unresolved = (await session.Client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri } })).EnumerateArray().Last();
        Assert.IsFalse(unresolved.TryGetProperty("command", out _), "a note of hundreds of lenses gets them to be resolved");
        await ChangeAsync(session, uri, 2, "# 2026-03-01\n\nNo entries any more.\n");

        var stale = await session.Client.ResultAsync("codeLens/resolve", unresolved);
        var foreign = await session.Client.ResultAsync("codeLens/resolve", new { range = unresolved.GetProperty("range"), data = new[] { 99, 0 } });

        Assert.IsFalse(stale.TryGetProperty("command", out _));
        Assert.AreEqual(unresolved.GetProperty("range").GetRawText(), stale.GetProperty("range").GetRawText());
        Assert.IsFalse(foreign.TryGetProperty("command", out _));
    }

    private static async Task ChangeAsync(CheckpointServerSession session, string uri, int version, string text) =>
        await session.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version },
            contentChanges = new[] { new { text } },
        });

    private static async Task<List<Lens>> LensesAsync(CheckpointServerSession session, string uri)
    {
        return [.. (await ResolvedLenses.OfAsync(session.Client, uri)).Select(Lens.From)];
    }

    private static int HeadingLine(string text, int entry) =>
        Array.FindIndex(text.Split('\n'), line => line.EndsWith($"Context: 75% (entry {entry})", StringComparison.Ordinal));

    // Full checkpoints with a two-step checklist, each followed by a quick note: two entry formats, three or four lenses each.
    private static string Generate(int entries)
    {
        var text = new StringBuilder("# 2026-03-01\n\n");
        for (var i = 0; i < entries; i++)
        {
            var time = $"{i / 60 % 24:00}:{i % 60:00}";
            text.Append($"## Checkpoint {time} — Context: 75% (entry {i})\n\n")
                .Append("**Task:** Refactor the ledger\n**Status:** in progress\n\n**Progress:**\n")
                .Append($"- [x] Step one of entry {i}\n- [ ] Step two of entry {i}\n\n")
                .Append($"### {time} Note\nA remark on entry {i}.\n\n");
        }
        return text.ToString();
    }

    private sealed record Lens(int Line, int StartCharacter, int EndCharacter, string? Title, string? Command, object? Argument)
    {
        public static Lens From(JsonElement lens)
        {
            var range = lens.GetProperty("range");
            var command = lens.GetProperty("command");
            var arguments = command.GetProperty("arguments");
            var last = arguments[arguments.GetArrayLength() - 1];
            return new Lens(
                range.GetProperty("start").GetProperty("line").GetInt32(),
                range.GetProperty("start").GetProperty("character").GetInt32(),
                range.GetProperty("end").GetProperty("character").GetInt32(),
                command.GetProperty("title").GetString(),
                command.GetProperty("command").GetString(),
                last.ValueKind == JsonValueKind.Number ? last.GetInt32() : last.GetString());
        }
    }
}
