using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>The notes features of the real <c>checkpoint serve</c>: diagnostics, lenses, symbols, completion, lens commands.</summary>
[TestClass]
public sealed class NotesFeaturesTests
{
    private const string MixedDay = "2026-02-14.md";
    private const string BrokenDay = "2026-02-16.md";

    [TestMethod]
    public async Task Initialize_advertises_lenses_symbols_completion_and_the_server_side_lens_commands()
    {
        await using var session = await CheckpointServerSession.StartAsync();

        var capabilities = session.Initialize.GetProperty("capabilities");

        Assert.IsTrue(capabilities.GetProperty("codeLensProvider").GetProperty("resolveProvider").GetBoolean());
        Assert.IsTrue(capabilities.GetProperty("documentSymbolProvider").GetBoolean());
        CollectionAssert.Contains(Strings(capabilities.GetProperty("completionProvider").GetProperty("triggerCharacters")), "#");
        CollectionAssert.AreEquivalent(
            new[] { "checkpoint.lens.resumeBrief", "checkpoint.lens.snapshotNow" },
            Strings(capabilities.GetProperty("executeCommandProvider").GetProperty("commands")));
    }

    [TestMethod]
    public async Task Opening_a_note_publishes_its_diagnostics_with_codes_and_ranges()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("scripts/present.sh", "echo here\n"));
        var note = session.AddFixtureNote(BrokenDay);

        var uri = await session.OpenAsync(note);
        var published = await session.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);

        Assert.AreEqual(1, published.GetProperty("version").GetInt32());
        var diagnostics = published.GetProperty("diagnostics").EnumerateArray().ToList();
        var placeholder = Single(diagnostics, "placeholder");
        AssertRange(placeholder, 4, 10, 4, 39);
        Assert.AreEqual(2, placeholder.GetProperty("severity").GetInt32());
        Assert.AreEqual("checkpoint", placeholder.GetProperty("source").GetString());
        var missingFile = Single(diagnostics, "missing-file");
        AssertRange(missingFile, 8, 31, 8, 46);
        StringAssert.Contains(missingFile.GetProperty("message").GetString(), "scripts/gone.sh");
        var threshold = Single(diagnostics, "format-threshold");
        Assert.AreEqual(10, threshold.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.AreEqual(4, threshold.GetProperty("severity").GetInt32());
        Assert.IsTrue(diagnostics.Any(d => Code(d) == "missing-field"), "the Full checkpoint lacks most of its fields");
    }

    [TestMethod]
    public async Task Changing_a_note_publishes_diagnostics_for_the_new_version()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var note = session.AddFixtureNote(BrokenDay);
        var uri = await session.OpenAsync(note);
        await session.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);

        var fixedText = session.Workspace.Read(note).Replace("[One line - what we're doing]", "Tidy the scripts", StringComparison.Ordinal);
        await session.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { text = fixedText } },
        });
        var published = await session.Client.WaitForNotificationAsync(
            "textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == uri && p.GetProperty("version").GetInt32() == 2);

        Assert.IsFalse(published.GetProperty("diagnostics").EnumerateArray().Any(d => Code(d) == "placeholder"));
        Assert.IsTrue(published.GetProperty("diagnostics").EnumerateArray().Any(d => Code(d) == "format-threshold"));
    }

    [TestMethod]
    public async Task Closing_a_note_clears_its_diagnostics()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var uri = await session.OpenAsync(session.AddFixtureNote(BrokenDay));
        await session.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);
        var before = session.Client.Received.Count;

        await session.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        var cleared = await session.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri, since: before);

        Assert.AreEqual(0, cleared.GetProperty("diagnostics").GetArrayLength());
    }

    [TestMethod]
    public async Task Code_lenses_carry_the_protocol_command_ids_and_arguments()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var note = session.AddFixtureNote(MixedDay);
        var uri = await session.OpenAsync(note);
        var fullLine = LineOf(session, note, "## Checkpoint 11:15");
        var preOperationLine = LineOf(session, note, "## Pre-Operation 13:00");

        var lenses = await ResolvedLenses.OfAsync(session.Client, uri);

        var onFull = lenses.Where(l => l.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == fullLine).ToList();
        CollectionAssert.AreEqual(
            new[] { "Resume brief", "Progress 1/3", "Snapshot files now", "Restore docs-site_20260214_111502" },
            onFull.Select(l => l.GetProperty("command").GetProperty("title").GetString()).ToArray());
        CollectionAssert.AreEqual(
            new[] { "checkpoint.lens.resumeBrief", "checkpoint.lens.showProgress", "checkpoint.lens.snapshotNow", "checkpoint.lens.restoreSnapshot" },
            onFull.Select(l => l.GetProperty("command").GetProperty("command").GetString()).ToArray());
        var briefArguments = onFull[0].GetProperty("command").GetProperty("arguments");
        Assert.AreEqual(uri, briefArguments[0].GetString());
        Assert.AreEqual(fullLine, briefArguments[1].GetInt32());
        Assert.AreEqual("docs-site_20260214_111502", onFull[3].GetProperty("command").GetProperty("arguments")[0].GetString());
        Assert.IsTrue(lenses.Any(l =>
            l.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == preOperationLine
            && l.GetProperty("command").GetProperty("title").GetString() == "Restore old-site_20260214_125959_2 (if failure)"));
        Assert.IsFalse(lenses.Any(l => l.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == LineOf(session, note, "## Checkpoint 09:00")),
            "a heading inside a fenced code block is not an entry");
    }

    [TestMethod]
    public async Task Document_symbols_outline_entries_then_sections_then_fields()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var note = session.AddFixtureNote(MixedDay);
        var uri = await session.OpenAsync(note);

        var symbols = (await session.Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri } })).EnumerateArray().ToList();

        Assert.AreEqual(5, symbols.Count);
        Assert.IsTrue(symbols.All(s => s.GetProperty("kind").GetInt32() == 24), "entries are events");
        var full = symbols.Single(s => s.GetProperty("selectionRange").GetProperty("start").GetProperty("line").GetInt32() == LineOf(session, note, "## Checkpoint 11:15"));
        StringAssert.StartsWith(full.GetProperty("name").GetString(), "11:15");
        var currentSession = full.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Current Session");
        Assert.AreEqual(3, currentSession.GetProperty("kind").GetInt32());
        var task = currentSession.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Task");
        Assert.AreEqual(8, task.GetProperty("kind").GetInt32());
        Assert.AreEqual("Move the docs to the new site generator", task.GetProperty("detail").GetString());
    }

    [TestMethod]
    public async Task Five_thousand_pipelined_document_symbol_requests_are_all_answered()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var uri = await session.OpenAsync(session.AddFixtureNote(MixedDay));

        int[] ids = await session.SendPipelinedAsync("textDocument/documentSymbol", new { textDocument = new { uri } }, 5000);

        foreach (int id in ids)
        {
            JsonElement response = await session.Client.WaitForResponseAsync(id, TimeSpan.FromSeconds(60));
            Assert.AreEqual(5, response.GetProperty("result").GetArrayLength(), $"request {id}");
        }

        Assert.AreEqual(0, session.Client.ProtocolViolations.Count);
    }

    [TestMethod]
    public async Task Completion_at_the_start_of_a_line_offers_the_five_templates_as_snippets()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var uri = await session.OpenAsync(session.AddFixtureNote(MixedDay));

        var items = (await session.Client.ResultAsync("textDocument/completion", new { textDocument = new { uri }, position = new { line = 1, character = 0 } })).EnumerateArray().ToList();
        var midLine = await session.Client.ResultAsync("textDocument/completion", new { textDocument = new { uri }, position = new { line = 2, character = 5 } });

        Assert.AreEqual(5, items.Count);
        Assert.IsTrue(items.All(i => i.GetProperty("insertTextFormat").GetInt32() == 2));
        Assert.IsTrue(items.All(i => i.GetProperty("textEdit").GetProperty("newText").GetString()!.Contains("${", StringComparison.Ordinal)), "tab stops");
        var now = DateTime.Now;
        Assert.IsTrue(
            items.Any(i => i.GetProperty("textEdit").GetProperty("newText").GetString()!.Contains(now.ToString("HH:mm"), StringComparison.Ordinal)
                || i.GetProperty("textEdit").GetProperty("newText").GetString()!.Contains(now.AddMinutes(-1).ToString("HH:mm"), StringComparison.Ordinal)),
            "HH:MM is filled in with the current time");
        Assert.AreEqual(0, midLine.GetArrayLength());
    }

    [TestMethod]
    public async Task Markdown_outside_the_notes_folder_gets_no_lenses_and_no_diagnostics()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("docs/2026-02-16.md", "## EMERGENCY CHECKPOINT [HH:MM] — Context: XX%\n"));
        var uri = await session.OpenAsync("docs/2026-02-16.md");

        var lenses = await session.Client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri } });

        Assert.AreEqual(0, lenses.GetArrayLength());
        Assert.IsFalse(session.Client.Received.Any(m => m.TryGetProperty("method", out var method) && method.GetString() == "textDocument/publishDiagnostics"));
    }

    [TestMethod]
    public async Task The_resume_brief_command_returns_the_recovery_text_of_the_entry()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var note = session.AddFixtureNote(MixedDay);
        var uri = await session.OpenAsync(note);

        var result = await session.Client.ResultAsync("workspace/executeCommand", new
        {
            command = "checkpoint.lens.resumeBrief",
            arguments = new object[] { uri, LineOf(session, note, "## Checkpoint 11:15") },
        });

        Assert.AreEqual(
            "Resuming from checkpoint at 11:15. Last captured: in progress. Continuing with Run the link checker on docs/.",
            result.GetProperty("brief").GetString());
    }

    [TestMethod]
    public async Task Snapshot_now_saves_the_workspace_and_links_the_checkpoint_through_apply_edit()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("search/config.toml", "tokenizer = \"default\"\n"));
        var note = session.AddFixtureNote(MixedDay);
        var uri = await session.OpenAsync(note);
        var emergencyLine = LineOf(session, note, "## EMERGENCY CHECKPOINT 15:20");

        var commandId = await session.Client.SendRequestAsync("workspace/executeCommand", new
        {
            command = "checkpoint.lens.snapshotNow",
            arguments = new object[] { uri, emergencyLine },
        });
        var applyEdit = await session.Client.WaitForServerRequestAsync("workspace/applyEdit");
        await session.Client.RespondAsync(applyEdit.GetProperty("id"), new { applied = true });
        var response = await session.Client.WaitForResponseAsync(commandId);

        var saved = response.GetProperty("result").GetProperty("checkpoint");
        var id = saved.GetProperty("id").GetString()!;
        StringAssert.StartsWith(id, "notes-2026-02-14_");
        Assert.AreEqual("emergency", saved.GetProperty("stage").GetString());
        Assert.AreEqual("🔥 Index builds, results empty", saved.GetProperty("notes").GetString());
        var edits = applyEdit.GetProperty("params").GetProperty("edit").GetProperty("changes").GetProperty(uri);
        Assert.AreEqual(1, edits.GetArrayLength());
        StringAssert.Contains(edits[0].GetProperty("newText").GetString(), $"**Snapshot:** {id}");
        var at = edits[0].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32();
        Assert.IsTrue(at > emergencyLine && at < LineOf(session, note, "## SURVIVAL 16:45"), $"the Snapshot line goes into the entry (edit at line {at})");
        var listed = await session.Client.ResultAsync("checkpoint/list", new { name = "notes-2026-02-14" });
        Assert.AreEqual(id, listed.GetProperty("checkpoints")[0].GetProperty("id").GetString());
    }

    private static int LineOf(CheckpointServerSession session, string note, string start) =>
        Array.FindIndex(session.Workspace.Read(note).Split('\n'), line => line.StartsWith(start, StringComparison.Ordinal));

    private static string? Code(JsonElement diagnostic) => diagnostic.GetProperty("code").GetString();

    private static JsonElement Single(List<JsonElement> diagnostics, string code)
    {
        var found = diagnostics.Where(d => Code(d) == code).ToList();
        Assert.AreEqual(1, found.Count, $"one '{code}' diagnostic expected in {JsonSerializer.Serialize(diagnostics)}");
        return found[0];
    }

    private static void AssertRange(JsonElement diagnostic, int startLine, int startCharacter, int endLine, int endCharacter)
    {
        var range = diagnostic.GetProperty("range");
        Assert.AreEqual(
            $"{startLine}:{startCharacter}-{endLine}:{endCharacter}",
            $"{range.GetProperty("start").GetProperty("line")}:{range.GetProperty("start").GetProperty("character")}-{range.GetProperty("end").GetProperty("line")}:{range.GetProperty("end").GetProperty("character")}");
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
