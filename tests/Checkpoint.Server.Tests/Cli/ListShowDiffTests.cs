namespace Checkpoint.Server.Tests.Cli;

/// <summary>The read-only verbs: <c>list</c>, <c>show</c>, <c>diff</c>, in human and <c>--json</c> form.</summary>
[TestClass]
public sealed class ListShowDiffTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private async Task<string> SaveAsync(string name, string stage, params string[] extra) =>
        (await _workspace.Cli.RunAsync(["save", "--name", name, "--stage", stage, .. extra])).AssertExit(0).CheckpointId;

    [TestMethod]
    public async Task List_prints_a_row_per_checkpoint_with_name_timestamp_and_stage()
    {
        var first = await SaveAsync("module-05", "case-studies");
        var second = await SaveAsync("project-llm-api", "starter-code");

        var result = (await _workspace.Cli.RunAsync("list")).AssertExit(0);

        Assert.MatchesRegex(@"NAME\s+TIMESTAMP\s+STAGE\s+FILES\s+WORDS\s+SIZE\s+AGE", result.StdOutLines[0]);
        Assert.Contains(first["module-05_".Length..], result.StdOut);
        Assert.Contains("case-studies", result.StdOut);
        Assert.Contains(second["project-llm-api_".Length..], result.StdOut);
        Assert.Contains("starter-code", result.StdOut);
        Assert.AreEqual("STATUS=OK ACTION=list", result.LastStdOutLine);
    }

    [TestMethod]
    public async Task List_with_a_name_shows_only_that_name()
    {
        await SaveAsync("module-05", "one");
        await SaveAsync("project-llm-api", "two");

        var result = (await _workspace.Cli.RunAsync("list", "--name", "module-05", "--json")).AssertExit(0);

        var names = result.Json.GetProperty("checkpoints").EnumerateArray().Select(checkpoint => checkpoint.GetProperty("name").GetString()).Distinct().ToList();
        CollectionAssert.AreEqual(new[] { "module-05" }, names);
    }

    [TestMethod]
    public async Task List_json_is_one_document_of_camelCase_summaries()
    {
        var id = await SaveAsync("module-05", "case-studies", "--notes", "three done");

        var result = (await _workspace.Cli.RunAsync("list", "--json")).AssertExit(0);

        var checkpoint = result.Json.GetProperty("checkpoints").EnumerateArray().Single();
        Assert.AreEqual(id, checkpoint.GetProperty("id").GetString());
        Assert.AreEqual("case-studies", checkpoint.GetProperty("stage").GetString());
        Assert.AreEqual("three done", checkpoint.GetProperty("notes").GetString());
        foreach (var field in new[] { "timestamp", "created", "totalFiles", "totalWords", "totalSize", "layout", "scope" })
            Assert.IsTrue(checkpoint.TryGetProperty(field, out _), $"missing '{field}' in {checkpoint}");
        Assert.AreEqual("STATUS=OK ACTION=list", result.LastStdErrLine);
    }

    [TestMethod]
    public async Task List_of_an_empty_store_says_so_and_succeeds()
    {
        var result = (await _workspace.Cli.RunAsync("list")).AssertExit(0);

        Assert.Contains("No checkpoints", result.StdOut);
    }

    [TestMethod]
    public async Task Show_latest_prints_the_header_and_every_file()
    {
        await SaveAsync("module-05", "one", "--context", "modules/mod-005-docker-containers");
        var latest = await SaveAsync("module-05", "two", "--context", "modules/mod-005-docker-containers", "--notes", "second pass");

        var result = (await _workspace.Cli.RunAsync("show", "--name", "module-05", "--latest")).AssertExit(0);

        Assert.AreEqual(latest, result.StdOutLines[0]);
        Assert.Contains("second pass", result.StdOut);
        Assert.Contains("modules/mod-005-docker-containers/lecture-notes.md", result.StdOut);
        Assert.Contains("modules/mod-005-docker-containers/exercises/ex2.md", result.StdOut);
        Assert.AreEqual($"STATUS=OK ACTION=show CHECKPOINT={latest}", result.LastStdOutLine);
    }

    [TestMethod]
    public async Task Show_json_is_the_checkpoint_detail_with_metadata_and_files()
    {
        var id = await SaveAsync("mod-105", "complete", "--context", "working-modules", "--metadata", "{\"reviewer\":\"jane.smith\"}");
        var timestamp = id["mod-105_".Length..];

        var result = (await _workspace.Cli.RunAsync("show", "--name", "mod-105", "--timestamp", timestamp, "--json")).AssertExit(0);

        Assert.AreEqual(id, result.Json.GetProperty("id").GetString());
        Assert.AreEqual("jane.smith", result.Json.GetProperty("metadata").GetProperty("reviewer").GetString());
        var file = result.Json.GetProperty("files").EnumerateArray().First(entry => entry.GetProperty("path").GetString() == "working-modules/draft-a.md");
        Assert.MatchesRegex("^sha256:[0-9a-f]{64}$", file.GetProperty("hash").GetString()!);
        Assert.IsGreaterThan(0L, file.GetProperty("wordCount").GetInt64());
    }

    [TestMethod]
    public async Task Show_json_says_where_the_summary_is_and_leaves_it_out_when_there_is_none()
    {
        // Clients open the summary from this path; none of them composes store paths.
        var id = await SaveAsync("mod-106", "complete", "--context", "working-modules");
        var timestamp = id["mod-106_".Length..];

        var shown = (await _workspace.Cli.RunAsync("show", "--name", "mod-106", "--timestamp", timestamp, "--json")).AssertExit(0);
        var summary = shown.Json.GetProperty("summaryPath").GetString()!;
        File.Delete(summary);
        var withoutSummary = (await _workspace.Cli.RunAsync("show", "--name", "mod-106", "--timestamp", timestamp, "--json")).AssertExit(0);

        Assert.AreEqual(Path.Combine(_workspace.Store, id, "CHECKPOINT_SUMMARY.md"), summary);
        Assert.IsFalse(withoutSummary.Json.TryGetProperty("summaryPath", out _), withoutSummary.ToString());
    }

    [TestMethod]
    public async Task Diff_prints_A_D_M_lines_and_the_counts()
    {
        await SaveAsync("module-05", "draft", "--context", "modules/mod-005-docker-containers");
        _workspace.Write("modules/mod-005-docker-containers/exercises/ex3.md", "# Exercise 3\n");
        _workspace.Delete("modules/mod-005-docker-containers/exercises/ex1.md");
        _workspace.Write("modules/mod-005-docker-containers/lecture-notes.md", "# Rewritten\n");

        var result = (await _workspace.Cli.RunAsync("diff", "--name", "module-05", "--latest")).AssertExit(0);

        Assert.Contains("A  modules/mod-005-docker-containers/exercises/ex3.md", result.StdOutLines);
        Assert.Contains("D  modules/mod-005-docker-containers/exercises/ex1.md", result.StdOutLines);
        Assert.Contains("M  modules/mod-005-docker-containers/lecture-notes.md", result.StdOutLines);
        Assert.Contains("1 added, 1 removed, 1 changed, 2 unchanged", result.StdOut);
        StatusLines.AssertOk(result.LastStdOutLine, "diff", "module-05");
    }

    [TestMethod]
    public async Task Diff_json_lists_added_removed_changed_and_counts_unchanged()
    {
        await SaveAsync("batch", "one", "--context", "working-modules");
        _workspace.Write("working-modules/nested/draft-b.md", "changed\n");
        _workspace.Write("modules/mod-005-docker-containers/new-outside-scope.md", "outside the saved scope\n");

        var result = (await _workspace.Cli.RunAsync("diff", "--name", "batch", "--latest", "--json")).AssertExit(0);

        Assert.AreEqual(0, result.Json.GetProperty("added").GetArrayLength(), "Files outside the saved scope are not 'added'.");
        Assert.AreEqual(0, result.Json.GetProperty("removed").GetArrayLength());
        Assert.AreEqual("working-modules/nested/draft-b.md", result.Json.GetProperty("changed").EnumerateArray().Single().GetString());
        Assert.AreEqual(1L, result.Json.GetProperty("unchanged").GetInt64());
    }

    [TestMethod]
    public async Task Diff_to_another_checkpoint_prints_what_changed_between_the_two_whatever_the_working_tree_holds()
    {
        var first = await SaveAsync("module-05", "draft", "--context", "modules/mod-005-docker-containers");
        _workspace.Write("modules/mod-005-docker-containers/exercises/ex3.md", "# Exercise 3\n");
        _workspace.Delete("modules/mod-005-docker-containers/exercises/ex1.md");
        _workspace.Write("modules/mod-005-docker-containers/lecture-notes.md", "# Rewritten\n");
        var second = await SaveAsync("module-05", "final", "--context", "modules/mod-005-docker-containers");
        _workspace.Write("modules/mod-005-docker-containers/exercises/ex2.md", "changed after both saves\n");

        var text = (await _workspace.Cli.RunAsync("diff", "--name", "module-05", "--timestamp", first["module-05_".Length..], "--to", second)).AssertExit(0);
        var json = (await _workspace.Cli.RunAsync("diff", "--name", "module-05", "--timestamp", first["module-05_".Length..], "--to", second, "--json")).AssertExit(0);
        var badId = (await _workspace.Cli.RunAsync("diff", "--name", "module-05", "--latest", "--to", "no id")).AssertExit(2);

        CollectionAssert.AreEqual(new[]
        {
            "D  modules/mod-005-docker-containers/exercises/ex1.md",
            "A  modules/mod-005-docker-containers/exercises/ex3.md",
            "M  modules/mod-005-docker-containers/lecture-notes.md",
            $"{first} vs {second}: 1 added, 1 removed, 1 changed, 2 unchanged",
        }, text.StdOutLines[..^1], text.ToString());
        StatusLines.AssertOk(text.LastStdOutLine, "diff", "module-05");
        Assert.AreEqual(second, json.Json.GetProperty("to").GetString());
        Assert.AreEqual(first, json.Json.GetProperty("id").GetString());
        Assert.AreEqual("modules/mod-005-docker-containers/exercises/ex3.md", json.Json.GetProperty("added").EnumerateArray().Single().GetString());
        Assert.AreEqual(2L, json.Json.GetProperty("unchanged").GetInt64());
        Assert.Contains("is not a checkpoint id", badId.StdErr + badId.StdOut);
    }

    [TestMethod]
    public async Task Diff_against_the_working_tree_carries_no_to()
    {
        await SaveAsync("batch", "one", "--context", "working-modules");

        var json = (await _workspace.Cli.RunAsync("diff", "--name", "batch", "--latest", "--json")).AssertExit(0);

        Assert.IsFalse(json.Json.TryGetProperty("to", out _), json.ToString());
    }

    [TestMethod]
    public async Task List_says_how_many_checkpoints_it_cannot_read_and_how_to_see_them()
    {
        await SaveAsync("module-05", "one");
        var damaged = await SaveAsync("module-05", "two");
        var other = await SaveAsync("batch", "one", "--context", "working-modules");
        File.WriteAllText(Path.Combine(_workspace.Store, damaged, "checkpoint.json"), "{ \"name\": \"module-05\", cut short");
        File.WriteAllText(Path.Combine(_workspace.Store, other, "checkpoint.json"), "not json at all");

        var all = (await _workspace.Cli.RunAsync("list")).AssertExit(0);
        var named = (await _workspace.Cli.RunAsync("list", "--name", "module-05")).AssertExit(0);
        var json = (await _workspace.Cli.RunAsync("list", "--json")).AssertExit(0);

        Assert.Contains("2 damaged checkpoints not listed (their checkpoint.json cannot be read)", all.StdOut, all.ToString());
        Assert.Contains("checkpoint verify", all.StdOut, all.ToString());
        Assert.Contains(damaged, all.StdOut, "The hint names them.\n" + all);
        Assert.Contains("1 damaged checkpoint not listed (its checkpoint.json cannot be read)", named.StdOut, named.ToString());
        Assert.Contains("checkpoint verify --name module-05", named.StdOut, named.ToString());
        CollectionAssert.AreEquivalent(new[] { damaged, other }, json.Json.GetProperty("unreadable").EnumerateArray().Select(id => id.GetString()).ToArray());
        Assert.AreEqual(1, json.Json.GetProperty("checkpoints").GetArrayLength());
    }

    [TestMethod]
    public async Task List_of_a_store_whose_only_checkpoint_is_damaged_says_so_rather_than_no_checkpoints_yet()
    {
        var damaged = await SaveAsync("module-05", "one");
        File.WriteAllText(Path.Combine(_workspace.Store, damaged, "checkpoint.json"), "");

        var result = (await _workspace.Cli.RunAsync("list")).AssertExit(0);

        Assert.DoesNotContain("No checkpoints yet", result.StdOut, result.ToString());
        Assert.Contains("1 damaged checkpoint not listed", result.StdOut, result.ToString());
    }
}
