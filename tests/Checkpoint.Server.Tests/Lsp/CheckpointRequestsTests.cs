using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>The custom <c>checkpoint/*</c> requests of the real <c>checkpoint serve</c> on a temp workspace.</summary>
[TestClass]
public sealed class CheckpointRequestsTests
{
    private static readonly byte[] BinaryContent = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF, 0xFE];

    [TestMethod]
    public async Task Every_custom_request_works_end_to_end_on_one_workspace()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace =>
        {
            workspace.WithSeedModules();
            Directory.CreateDirectory(workspace.PathOf("assets"));
            File.WriteAllBytes(workspace.PathOf("assets/logo.bin"), BinaryContent);
        });
        var client = session.Client;

        var saved = await client.ResultAsync("checkpoint/save", new { name = "module-05", stage = "case-studies", notes = "Completed 3 case studies" });
        var id = saved.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var timestamp = saved.GetProperty("checkpoint").GetProperty("timestamp").GetString()!;
        Assert.AreEqual($"module-05_{timestamp}", id);
        Assert.IsTrue(saved.GetProperty("newObjects").GetInt64() > 0);

        var listed = await client.ResultAsync("checkpoint/list", new { });
        Assert.AreEqual(id, listed.GetProperty("checkpoints").EnumerateArray().Single().GetProperty("id").GetString());

        var shown = await client.ResultAsync("checkpoint/show", new { name = "module-05", latest = true });
        Assert.AreEqual("case-studies", shown.GetProperty("stage").GetString(), "CheckpointDetail is flat: the summary's fields at the top level");
        Assert.AreEqual(JsonValueKind.Object, shown.GetProperty("metadata").ValueKind);
        var readme = shown.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "README.md");
        StringAssert.StartsWith(readme.GetProperty("hash").GetString(), "sha256:");
        Assert.IsTrue(readme.TryGetProperty("wordCount", out _));

        session.Workspace.Write("README.md", "# Curriculum, rewritten\n").Write("NEW.md", "new\n");
        var diff = await client.ResultAsync("checkpoint/diff", new { name = "module-05", latest = true });
        CollectionAssert.Contains(Strings(diff.GetProperty("changed")), "README.md");
        CollectionAssert.Contains(Strings(diff.GetProperty("added")), "NEW.md");

        var later = await client.ResultAsync("checkpoint/save", new { name = "module-05", stage = "later" });
        var laterId = later.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var between = await client.ResultAsync("checkpoint/diff", new { name = "module-05", timestamp, to = laterId });
        Assert.AreEqual(laterId, between.GetProperty("to").GetString());
        CollectionAssert.AreEqual(new[] { "README.md" }, Strings(between.GetProperty("changed")).ToList());
        CollectionAssert.AreEqual(new[] { "NEW.md" }, Strings(between.GetProperty("added")).ToList());
        // The rest of this test reads "latest" as the first checkpoint again.
        await client.ResultAsync("checkpoint/delete", new { name = "module-05", timestamp = later.GetProperty("checkpoint").GetProperty("timestamp").GetString() });

        var preview = await client.ResultAsync("checkpoint/resume", new { name = "module-05", latest = true, dryRun = true });
        Assert.IsTrue(preview.GetProperty("dryRun").GetBoolean());
        CollectionAssert.Contains(Strings(preview.GetProperty("overwritten")), "README.md");
        Assert.AreEqual("# Curriculum, rewritten\n", session.Workspace.Read("README.md"), "a dry run writes nothing");

        var restored = await client.ResultAsync("checkpoint/resume", new { name = "module-05", timestamp, target = "restored" });
        Assert.AreEqual(session.Workspace.PathOf("restored"), restored.GetProperty("target").GetString());
        Assert.AreEqual("# Curriculum\n", session.Workspace.Read("restored/README.md"));

        var verified = await client.ResultAsync("checkpoint/verify", new { name = "module-05" });
        Assert.IsTrue(verified.GetProperty("ok").GetBoolean());
        Assert.AreEqual(id, verified.GetProperty("checkpoints")[0].GetProperty("id").GetString());

        var text = await client.ResultAsync("checkpoint/fileContent", new { name = "module-05", latest = true, path = "README.md" });
        Assert.AreEqual("# Curriculum\n", text.GetProperty("text").GetString());
        Assert.IsFalse(text.TryGetProperty("base64", out _));
        var binary = await client.ResultAsync("checkpoint/fileContent", new { name = "module-05", timestamp, path = "assets/logo.bin" });
        Assert.AreEqual(JsonValueKind.Null, binary.GetProperty("text").ValueKind, "text is null, not absent, for binary content");
        CollectionAssert.AreEqual(BinaryContent, Convert.FromBase64String(binary.GetProperty("base64").GetString()!));
        Assert.AreEqual(BinaryContent.Length, binary.GetProperty("size").GetInt32());

        var deleted = await client.ResultAsync("checkpoint/delete", new { name = "module-05", timestamp });
        Assert.AreEqual(id, deleted.GetProperty("id").GetString());
        Assert.AreEqual(0, (await client.ResultAsync("checkpoint/list")).GetProperty("checkpoints").GetArrayLength(), "list takes no params at all too");

        var pruned = await client.ResultAsync("checkpoint/prune", new { });
        Assert.IsFalse(pruned.GetProperty("dryRun").GetBoolean());
        Assert.IsTrue(pruned.GetProperty("objectsRemoved").GetInt64() > 0, "the deleted checkpoint's objects are unreferenced now");

        var note = await client.ResultAsync("checkpoint/note", new { format = "quick", contextPct = 55, date = "2026-02-13", time = "09:40" });
        Assert.AreEqual(session.Workspace.PathOf("memory/episodic/2026-02-13.md"), note.GetProperty("path").GetString());
        var day = session.Workspace.Read("memory/episodic/2026-02-13.md").Split('\n');
        Assert.AreEqual("# 2026-02-13", day[0]);
        StringAssert.Contains(day[note.GetProperty("line").GetInt32()], "09:40");

        await client.ResultAsync("shutdown");
        await client.NotifyAsync("exit");
        Assert.AreEqual(0, await session.Server.WaitForExitAsync(TimeSpan.FromSeconds(20)), session.Server.StandardError);
    }

    [TestMethod]
    public async Task An_invalid_name_is_answered_with_invalid_params_and_its_kind()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));

        var error = ErrorOf(await session.Client.RequestAsync("checkpoint/save", new { name = "no spaces allowed", stage = "s" }));

        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.AreEqual("invalidArgument", error.GetProperty("data").GetProperty("kind").GetString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [TestMethod]
    public async Task An_unknown_checkpoint_is_answered_with_the_names_that_exist()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));
        await session.Client.ResultAsync("checkpoint/save", new { name = "exists", stage = "s" });

        var error = ErrorOf(await session.Client.RequestAsync("checkpoint/show", new { name = "missing", latest = true }));

        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.AreEqual("notFound", error.GetProperty("data").GetProperty("kind").GetString());
        CollectionAssert.Contains(Strings(error.GetProperty("data").GetProperty("available")), "exists");
    }

    [TestMethod]
    public async Task A_note_in_an_unknown_format_is_an_invalid_argument_that_says_what_is_allowed()
    {
        await using var session = await CheckpointServerSession.StartAsync();

        var error = ErrorOf(await session.Client.RequestAsync("checkpoint/note", new { format = "huge" }));

        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        StringAssert.Contains(error.GetProperty("message").GetString(), "pre-operation");
        Assert.IsFalse(session.Workspace.Exists($"memory/episodic/{DateTime.Now:yyyy-MM-dd}.md"));
    }

    [TestMethod]
    public async Task A_note_with_fields_and_snapshot_writes_the_filled_entry_linking_the_saved_checkpoint()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));

        var note = await session.Client.ResultAsync("checkpoint/note", new
        {
            format = "emergency", contextPct = 88, date = "2026-02-13", time = "09:40", snapshot = true,
            fields = new Dictionary<string, string> { ["task"] = "Port the parser", ["status"] = "tests green", ["next"] = "wire the CLI" },
        });

        var id = note.GetProperty("snapshot").GetProperty("checkpoint").GetProperty("id").GetString()!;
        StringAssert.StartsWith(id, "notes-2026-02-13_");
        var day = session.Workspace.Read("memory/episodic/2026-02-13.md");
        StringAssert.Contains(day, "**TASK:** Port the parser");
        StringAssert.Contains(day, $"**Snapshot:** {id}");
        Assert.AreEqual("## EMERGENCY CHECKPOINT 09:40 — Context: 88%", day.Split('\n')[note.GetProperty("line").GetInt32()]);
    }

    [TestMethod]
    public async Task A_note_with_an_unknown_field_is_refused_and_writes_neither_the_note_nor_a_snapshot()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));

        var error = ErrorOf(await session.Client.RequestAsync("checkpoint/note", new
        {
            format = "survival", snapshot = true, fields = new Dictionary<string, string> { ["task"] = "t", ["next"] = "n", ["whatever"] = "x" },
        }));

        Assert.AreEqual(JsonRpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        StringAssert.Contains(error.GetProperty("message").GetString(), "whatever");
        Assert.IsFalse(session.Workspace.Exists($"memory/episodic/{DateTime.Now:yyyy-MM-dd}.md"));
        Assert.AreEqual(0, (await session.Client.ResultAsync("checkpoint/list", new { })).GetProperty("checkpoints").GetArrayLength());
    }

    [TestMethod]
    public async Task A_resume_with_paths_restores_only_those_files()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("keep.md", "v1").Write("docs/one.md", "one v1"));
        await session.Client.ResultAsync("checkpoint/save", new { name = "paths", stage = "s" });
        session.Workspace.Write("keep.md", "v2").Write("docs/one.md", "one v2");

        var restored = await session.Client.ResultAsync("checkpoint/resume", new { name = "paths", latest = true, paths = new[] { "docs" } });

        CollectionAssert.AreEqual(new[] { "docs/one.md" }, Strings(restored.GetProperty("overwritten")).ToArray());
        Assert.AreEqual("one v1", session.Workspace.Read("docs/one.md"));
        Assert.AreEqual("v2", session.Workspace.Read("keep.md"), "a path outside paths is not touched");
    }

    [TestMethod]
    public async Task A_save_by_the_cli_in_another_process_sends_checkpoint_changed()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));

        var cli = await session.Workspace.Cli.RunAsync("save", "--name", "from-cli", "--stage", "s");
        Assert.AreEqual(0, cli.ExitCode, cli.ToString());
        var changed = await session.Client.WaitForNotificationAsync(
            "checkpoint/changed",
            p => p.TryGetProperty("ids", out var ids) && Strings(ids).Contains(cli.CheckpointId));

        Assert.AreEqual(cli.CheckpointId, Strings(changed.GetProperty("ids")).Single());
    }

    [TestMethod]
    public async Task Deleting_a_checkpoint_sends_checkpoint_changed_with_its_id()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.Write("a.txt", "a"));
        var saved = (await session.Client.ResultAsync("checkpoint/save", new { name = "short-lived", stage = "s" })).GetProperty("checkpoint");
        var id = saved.GetProperty("id").GetString()!;
        await session.Client.WaitForNotificationAsync("checkpoint/changed", p => Strings(p.GetProperty("ids")).Contains(id));
        var before = session.Client.Received.Count;

        await session.Client.ResultAsync("checkpoint/delete", new { name = "short-lived", timestamp = saved.GetProperty("timestamp").GetString() });
        var changed = await session.Client.WaitForNotificationAsync("checkpoint/changed", since: before);

        CollectionAssert.AreEqual(new[] { id }, Strings(changed.GetProperty("ids")));
    }

    [TestMethod]
    public async Task Save_reports_work_done_progress_on_the_token_the_client_gave()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.WithSeedModules());

        await session.Client.ResultAsync("checkpoint/save", new { name = "with-progress", stage = "s", workDoneToken = "save-1" });
        var end = await session.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("token").GetString() == "save-1" && p.GetProperty("value").GetProperty("kind").GetString() == "end");

        var kinds = session.Client.Received
            .Where(m => m.TryGetProperty("method", out var method) && method.GetString() == "$/progress" && m.GetProperty("params").GetProperty("token").GetString() == "save-1")
            .Select(m => m.GetProperty("params").GetProperty("value").GetProperty("kind").GetString())
            .ToList();
        Assert.AreEqual("begin", kinds[0]);
        Assert.AreEqual("end", kinds[^1]);
        Assert.AreEqual(JsonValueKind.Object, end.ValueKind);
    }

    [TestMethod]
    public async Task Without_a_token_save_asks_the_client_to_create_one_and_reports_on_it()
    {
        await using var session = await CheckpointServerSession.StartAsync(workspace => workspace.WithSeedModules());

        await session.Client.ResultAsync("checkpoint/save", new { name = "created-token", stage = "s" });
        var create = await session.Client.WaitForServerRequestAsync("window/workDoneProgress/create");
        var token = create.GetProperty("params").GetProperty("token").GetRawText();
        var begin = await session.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("token").GetRawText() == token);

        Assert.AreEqual("begin", begin.GetProperty("value").GetProperty("kind").GetString());
        StringAssert.Contains(begin.GetProperty("value").GetProperty("title").GetString(), "created-token");
        await session.Client.WaitForNotificationAsync("$/progress", p => p.GetProperty("token").GetRawText() == token && p.GetProperty("value").GetProperty("kind").GetString() == "end");
    }

    [TestMethod]
    public async Task Cancelling_a_verify_answers_request_cancelled()
    {
        await using var session = await CheckpointServerSession.StartAsync(ManyFiles);
        await session.Client.ResultAsync("checkpoint/save", new { name = "big", stage = "s" });

        var id = await session.SendAndCancelAsync("checkpoint/verify", new { });
        var response = await session.Client.WaitForResponseAsync(id);

        Assert.AreEqual(JsonRpcErrorCodes.RequestCancelled, ErrorOf(response).GetProperty("code").GetInt32());
    }

    [TestMethod]
    public async Task Cancelling_a_save_answers_request_cancelled_and_publishes_no_checkpoint()
    {
        await using var session = await CheckpointServerSession.StartAsync(ManyFiles);

        var id = await session.SendAndCancelAsync("checkpoint/save", new { name = "never", stage = "s" });
        var response = await session.Client.WaitForResponseAsync(id);

        Assert.AreEqual(JsonRpcErrorCodes.RequestCancelled, ErrorOf(response).GetProperty("code").GetInt32());
        var listed = await session.Client.ResultAsync("checkpoint/list", new { });
        Assert.AreEqual(0, listed.GetProperty("checkpoints").GetArrayLength());
    }

    // Enough files that the operation is still running when the cancel arrives right behind it.
    private static void ManyFiles(Cli.TestWorkspace workspace)
    {
        var line = new string('x', 1023) + "\n";
        for (var i = 0; i < 2000; i++)
        {
            workspace.Write($"data/{i % 20}/file-{i}.txt", $"{i}\n{line}{line}");
        }
    }

    private static JsonElement ErrorOf(JsonElement response)
    {
        Assert.IsTrue(response.TryGetProperty("error", out var error), $"an error was expected: {response.GetRawText()}");
        return error;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
