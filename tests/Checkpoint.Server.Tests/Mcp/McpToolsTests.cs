using System.Text.Json;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Parsing;
using Checkpoint.Server.Tests.Cli;
using ModelContextProtocol.Protocol;

namespace Checkpoint.Server.Tests.Mcp;

[TestClass]
public sealed class McpToolsTests
{
    private TestWorkspace _workspace = null!;
    private McpTestSession _session = null!;

    [TestInitialize]
    public async Task Start()
    {
        _workspace = new TestWorkspace();
        _workspace.Write("src/app.txt", "one\ntwo\nthree\n").Write("README.md", "# Readme\n");
        _session = await McpTestSession.StartAsync(_workspace.Root);
    }

    [TestCleanup]
    public async Task Stop()
    {
        await _session.DisposeAsync();
        _workspace.Dispose();
    }

    private async Task<string> SaveAsync(string name = "work", string stage = "draft")
    {
        CallToolResult saved = await _session.CallAsync("checkpoint_save", $$"""{"name":"{{name}}","stage":"{{stage}}"}""");
        return saved.Structured().Str("checkpoint.id");
    }

    private int CheckpointFolders() =>
        Directory.Exists(_workspace.Store) ? Directory.GetFiles(_workspace.Store, "checkpoint.json", SearchOption.AllDirectories).Length : 0;

    [TestMethod]
    public async Task Every_tool_is_listed_with_truthful_annotations_and_an_output_schema()
    {
        IList<ModelContextProtocol.Client.McpClientTool> tools = await _session.Client.ListToolsAsync();
        Dictionary<string, Tool> byName = tools.ToDictionary(t => t.Name, t => t.ProtocolTool);
        string[] readOnly = ["checkpoint_list", "checkpoint_show", "checkpoint_diff", "checkpoint_verify", "checkpoint_recover", "checkpoint_context_advice", "checkpoint_remotes"];
        string[] destructive = ["checkpoint_restore", "checkpoint_delete", "checkpoint_prune"];
        string[] writing = ["checkpoint_save", "checkpoint_note"];
        // Push and pull write (the remote, the store) but never overwrite, and doing one twice changes nothing more.
        string[] transfers = ["checkpoint_push", "checkpoint_pull"];
        CollectionAssert.AreEquivalent(readOnly.Concat(destructive).Concat(writing).Concat(transfers).ToList(), byName.Keys.ToList());
        foreach (string name in transfers)
        {
            Assert.IsFalse(byName[name].Annotations!.ReadOnlyHint ?? true, name);
            Assert.IsFalse(byName[name].Annotations!.DestructiveHint ?? true, name);
            Assert.IsTrue(byName[name].Annotations!.IdempotentHint, name);
        }
        // Only the tools that talk to a git remote reach beyond the workspace.
        CollectionAssert.AreEquivalent(new[] { "checkpoint_remotes", "checkpoint_push", "checkpoint_pull" },
            byName.Where(t => t.Value.Annotations!.OpenWorldHint is true).Select(t => t.Key).ToList());
        foreach (string name in readOnly)
        {
            Assert.IsTrue(byName[name].Annotations!.ReadOnlyHint, name);
            Assert.IsFalse(byName[name].Annotations!.DestructiveHint ?? true, name);
        }
        foreach (string name in destructive)
        {
            Assert.IsFalse(byName[name].Annotations!.ReadOnlyHint ?? true, name);
            Assert.IsTrue(byName[name].Annotations!.DestructiveHint, name);
        }
        foreach (string name in writing)
        {
            Assert.IsFalse(byName[name].Annotations!.ReadOnlyHint ?? true, name);
            Assert.IsFalse(byName[name].Annotations!.DestructiveHint ?? true, name);
            Assert.IsFalse(byName[name].Annotations!.IdempotentHint ?? true, name);
        }
        Assert.IsTrue(byName.Values.All(t => t.OutputSchema is not null && !string.IsNullOrWhiteSpace(t.Description)));
    }

    [TestMethod]
    public async Task Save_list_show_and_diff_answer_with_structured_content_and_a_short_text()
    {
        string id = await SaveAsync();
        StringAssert.StartsWith(id, "work_");

        CallToolResult list = await _session.CallAsync("checkpoint_list");
        Assert.AreEqual(id, list.Structured().GetProperty("checkpoints")[0].Str("id"));
        StringAssert.Contains(list.Text(), id);

        CallToolResult show = await _session.CallAsync("checkpoint_show", """{"name":"work"}""");
        Assert.AreEqual("2", show.Structured().Str("checkpoint.totalFiles"));

        _workspace.Write("src/app.txt", "one\nTWO\nthree\n").Write("src/new.txt", "fresh\n");
        CallToolResult diff = await _session.CallAsync("checkpoint_diff", $$"""{"id":"{{id}}","unified":true}""");
        JsonElement result = diff.Structured();
        Assert.AreEqual("src/app.txt", result.GetProperty("changed")[0].GetString());
        Assert.AreEqual("src/new.txt", result.GetProperty("added")[0].GetString());
        string unified = result.GetProperty("files")[0].Str("unified");
        Assert.AreEqual("--- a/src/app.txt\n+++ b/src/app.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n", unified);
        StringAssert.Contains(diff.Text(), "-two\n+TWO");
    }

    [TestMethod]
    public async Task Diff_with_to_compares_two_checkpoints()
    {
        string first = await SaveAsync();
        _workspace.Write("src/app.txt", "one\nTWO\nthree\n").Write("src/new.txt", "fresh\n");
        string second = await SaveAsync(stage: "later");
        _workspace.Write("src/other.txt", "after both\n");

        CallToolResult diff = await _session.CallAsync("checkpoint_diff", $$"""{"id":"{{first}}","to":"{{second}}"}""");

        JsonElement result = diff.Structured();
        Assert.AreEqual(second, result.Str("to"));
        Assert.AreEqual("src/app.txt", result.GetProperty("changed").EnumerateArray().Single().GetString());
        Assert.AreEqual("src/new.txt", result.GetProperty("added").EnumerateArray().Single().GetString());
        Assert.AreEqual(0, result.GetProperty("removed").GetArrayLength());
        StringAssert.Contains(diff.Text(), $"{first} vs {second}: 1 changed, 1 added, 0 removed");
    }

    [TestMethod]
    public async Task Restore_writes_nothing_before_the_token_then_restores_with_a_safety_checkpoint_and_says_how_to_undo()
    {
        string id = await SaveAsync();
        _workspace.Write("src/app.txt", "edited by the agent\n");
        int before = CheckpointFolders();

        CallToolResult preview = await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""");
        JsonElement previewed = preview.Structured();
        Assert.AreEqual("preview", previewed.Str("status"));
        Assert.AreEqual("src/app.txt", previewed.GetProperty("restore").GetProperty("overwritten")[0].GetString());
        StringAssert.Contains(previewed.GetProperty("diff")[0].Str("unified"), "+edited by the agent");
        Assert.AreEqual("edited by the agent\n", _workspace.Read("src/app.txt"), "the preview wrote a file");
        Assert.AreEqual(before, CheckpointFolders(), "the preview took a safety checkpoint");

        string token = previewed.Str("confirmationToken");
        CallToolResult restored = await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","confirm":"{{token}}"}""");
        JsonElement done = restored.Structured();
        Assert.AreEqual("restored", done.Str("status"));
        Assert.AreEqual("one\ntwo\nthree\n", _workspace.Read("src/app.txt"));
        string safety = done.Str("safetyCheckpoint");
        StringAssert.StartsWith(safety, "work-pre-restore_");
        StringAssert.Contains(done.Str("undo"), $"\"id\": \"{safety}\"");
        StringAssert.Contains(restored.Text(), "Undo:");

        // The undo it names really puts the agent's edit back.
        CallToolResult undoPreview = await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{safety}}"}""");
        string undoToken = undoPreview.Structured().Str("confirmationToken");
        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{safety}}","confirm":"{{undoToken}}"}""")).Structured();
        Assert.AreEqual("edited by the agent\n", _workspace.Read("src/app.txt"));
    }

    [TestMethod]
    public async Task A_reused_or_stale_or_foreign_token_is_refused_and_nothing_is_written()
    {
        string id = await SaveAsync();
        _workspace.Write("src/app.txt", "edit 1\n");
        string token = (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured().Str("confirmationToken");

        // Edited again after the preview: the confirmation was for a state that no longer exists.
        _workspace.Write("src/app.txt", "edit 2, longer than the first\n");
        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","confirm":"{{token}}"}""")).AssertError("stale", "Nothing was done");
        Assert.AreEqual("edit 2, longer than the first\n", _workspace.Read("src/app.txt"));

        // Used up by that attempt.
        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","confirm":"{{token}}"}""")).AssertError("unknown or was already used");

        // A restore token does not confirm a delete.
        string restoreToken = (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured().Str("confirmationToken");
        (await _session.CallAsync("checkpoint_delete", $$"""{"id":"{{id}}","confirm":"{{restoreToken}}"}""")).AssertError("issued for checkpoint_restore");
        Assert.AreEqual(1, CheckpointFolders());
        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","confirm":"made-up"}""")).AssertError("unknown");
        Assert.AreEqual("edit 2, longer than the first\n", _workspace.Read("src/app.txt"));
    }

    [TestMethod]
    public async Task Restore_with_paths_restores_only_those_files()
    {
        string id = await SaveAsync();
        _workspace.Write("src/app.txt", "changed\n").Write("README.md", "changed too\n");
        string token = (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","paths":["README.md"]}""")).Structured().Str("confirmationToken");
        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","paths":["README.md"],"confirm":"{{token}}"}""")).Structured();
        Assert.AreEqual("# Readme\n", _workspace.Read("README.md"));
        Assert.AreEqual("changed\n", _workspace.Read("src/app.txt"));

        (await _session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","paths":["nope.md"]}""")).AssertError("has no file at or below: nope.md", "src/app.txt");
    }

    [TestMethod]
    public async Task Delete_takes_two_steps()
    {
        string id = await SaveAsync();
        CallToolResult preview = await _session.CallAsync("checkpoint_delete", $$"""{"id":"{{id}}"}""");
        Assert.AreEqual(1, CheckpointFolders(), "the preview deleted");
        string token = preview.Structured().Str("confirmationToken");
        Assert.AreEqual("deleted", (await _session.CallAsync("checkpoint_delete", $$"""{"id":"{{id}}","confirm":"{{token}}"}""")).Structured().Str("status"));
        Assert.AreEqual(0, CheckpointFolders());
    }

    [TestMethod]
    public async Task Verify_reports_ok_and_prune_is_a_dry_run_unless_confirmed()
    {
        await SaveAsync("a");
        await SaveAsync("a");
        Assert.AreEqual("true", (await _session.CallAsync("checkpoint_verify")).Structured().Str("ok"));

        CallToolResult dry = await _session.CallAsync("checkpoint_prune", """{"keepLast":1}""");
        Assert.AreEqual(1, dry.Structured().GetProperty("result").GetProperty("deleted").GetArrayLength());
        Assert.AreEqual(2, CheckpointFolders());
        (await _session.CallAsync("checkpoint_prune", """{"keepLast":1,"confirm":true}""")).Structured();
        Assert.AreEqual(1, CheckpointFolders());
    }

    [TestMethod]
    public async Task Note_appends_a_filled_in_entry_that_links_its_snapshot_and_recover_reads_it_back()
    {
        CallToolResult note = await _session.CallAsync("checkpoint_note", """
            {"format":"emergency","contextPct":88,"snapshot":true,
             "fields":{"task":"Port the parser","status":"lexer done, parser half way","next":"finish the expression rules","files":"src/app.txt"}}
            """);
        JsonElement written = note.Structured();
        string snapshot = written.GetProperty("snapshot").Str("checkpoint.id");
        StringAssert.StartsWith(snapshot, "notes-");
        string day = File.ReadAllText(written.Str("file"));
        StringAssert.Contains(day, "**TASK:** Port the parser");
        StringAssert.Contains(day, $"**Snapshot:** {snapshot}");
        Assert.IsFalse(day.Contains('['), "a template placeholder was left in the entry");

        // The entry is complete by the editor's own rules: no missing field, no placeholder diagnostics.
        var document = NoteParser.Parse(day);
        var entry = document.Entries.Single();
        Assert.AreEqual(NoteFormat.Emergency, entry.Format);
        Assert.AreEqual(88, entry.ContextPercent);
        foreach (string label in RequiredFields.For(NoteFormat.Emergency))
        {
            Assert.IsNotNull(entry.Field(label), label);
        }
        Assert.AreEqual(snapshot, entry.Snapshot?.Id);

        CallToolResult recover = await _session.CallAsync("checkpoint_recover");
        JsonElement brief = recover.Structured();
        StringAssert.Matches(brief.GetProperty("latest").Str("brief"),
            new System.Text.RegularExpressions.Regex(@"^Resuming from checkpoint at \d\d:\d\d\. Last captured: lexer done, parser half way\. Continuing with finish the expression rules\.$"));
        Assert.AreEqual(snapshot, brief.GetProperty("snapshotCheckpoint").Str("id"));
    }

    [TestMethod]
    public async Task Context_advice_follows_the_seed_thresholds()
    {
        Assert.AreEqual("null", (await _session.CallAsync("checkpoint_context_advice", """{"contextPct":30}""")).Structured().Str("format"));
        Assert.AreEqual("quick", (await _session.CallAsync("checkpoint_context_advice", """{"contextPct":55}""")).Structured().Str("format"));
        Assert.AreEqual("full", (await _session.CallAsync("checkpoint_context_advice", """{"contextPct":70}""")).Structured().Str("format"));
        CallToolResult emergency = await _session.CallAsync("checkpoint_context_advice", """{"contextPct":87}""");
        Assert.AreEqual("emergency", emergency.Structured().Str("format"));
        StringAssert.Contains(emergency.Text(), "task, status, next");
        Assert.AreEqual("survival", (await _session.CallAsync("checkpoint_context_advice", """{"contextPct":95}""")).Structured().Str("format"));
        (await _session.CallAsync("checkpoint_context_advice", """{"contextPct":101}""")).AssertError("0 to 100");
    }

    [TestMethod]
    public async Task Bad_input_is_an_error_result_that_says_what_is_allowed_and_writes_nothing()
    {
        (await _session.CallAsync("checkpoint_teleport")).AssertError("Unknown tool 'checkpoint_teleport'", "checkpoint_save", "checkpoint_restore");
        (await _session.CallAsync("checkpoint_save", """{"stage":"draft"}""")).AssertError("needs name", "name: string");
        (await _session.CallAsync("checkpoint_save", """{"name":"x","stage":3}""")).AssertError("'stage' must be a string, not the number 3");
        (await _session.CallAsync("checkpoint_save", """{"name":"x","stage":"s","colour":"red"}""")).AssertError("no argument 'colour'");
        (await _session.CallAsync("checkpoint_save", """{"name":"bad name!","stage":"draft"}""")).AssertError("Invalid checkpoint name 'bad name!'", "letters");
        (await _session.CallAsync("checkpoint_note", """{"format":"emergency","fields":{"task":"t"}}""")).AssertError("needs status, next");
        (await _session.CallAsync("checkpoint_note", """{"format":"poem","fields":{}}""")).AssertError("Allowed: full, emergency");
        (await _session.CallAsync("checkpoint_note", """{"format":"quick","fields":{"text":5}}""")).AssertError("'fields' must be an object");
        (await _session.CallAsync("checkpoint_restore", """{"id":"not-an-id"}""")).AssertError("is not a checkpoint id");
        Assert.IsFalse(Directory.Exists(_workspace.Store), "a refused call created the store");
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("memory/episodic")), "a refused note wrote the journal");

        string id = await SaveAsync("kept");
        (await _session.CallAsync("checkpoint_diff", """{"id":"gone_20200101_000000"}""")).AssertError("notFound", "kept");
        (await _session.CallAsync("checkpoint_show", """{"name":"gone"}""")).AssertError("notFound", "kept");
        // Still serving after all of that.
        Assert.AreEqual(id, (await _session.CallAsync("checkpoint_list")).Structured().GetProperty("checkpoints")[0].Str("id"));
    }

    [TestMethod]
    public async Task Resources_name_the_day_notes_and_checkpoints_and_read_them()
    {
        string id = await SaveAsync();
        await _session.CallAsync("checkpoint_note", """{"format":"quick","fields":{"text":"The human prefers tabs."}}""");
        var resources = await _session.Client.ListResourcesAsync();
        string noteUri = resources.Single(r => r.Uri.StartsWith("checkpoint://notes/", StringComparison.Ordinal)).Uri;
        Assert.IsTrue(resources.Any(r => r.Uri == $"checkpoint://checkpoints/{id}"));

        ReadResourceResult note = await _session.Client.ReadResourceAsync(noteUri);
        StringAssert.Contains(((TextResourceContents)note.Contents[0]).Text, "The human prefers tabs.");
        ReadResourceResult summary = await _session.Client.ReadResourceAsync($"checkpoint://checkpoints/{id}");
        StringAssert.Contains(((TextResourceContents)summary.Contents[0]).Text, id);
        var templates = await _session.Client.ListResourceTemplatesAsync();
        Assert.AreEqual(2, templates.Count);
    }

    [TestMethod]
    public async Task Prompts_carry_the_context_protection_protocol_and_the_checkpoint_command()
    {
        var prompts = await _session.Client.ListPromptsAsync();
        CollectionAssert.AreEquivalent(new[] { "context_protection", "checkpoint_command" }, prompts.Select(p => p.Name).ToArray());
        GetPromptResult protection = await _session.Client.GetPromptAsync("context_protection", new Dictionary<string, object?> { ["contextPct"] = "90" });
        string text = ((TextContentBlock)protection.Messages[0].Content).Text;
        StringAssert.Contains(text, "85–94 %");
        StringAssert.Contains(text, "You are at 90 %: write the Emergency entry now");
        GetPromptResult restore = await _session.Client.GetPromptAsync("checkpoint_command", new Dictionary<string, object?> { ["subcommand"] = "restore", ["name"] = "before-refactor" });
        StringAssert.Contains(((TextContentBlock)restore.Messages[0].Content).Text, "confirm = the token");
    }
}
