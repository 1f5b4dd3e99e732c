namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>delete</c> and <c>prune</c>: removing checkpoints, then the contents no checkpoint uses.</summary>
[TestClass]
public sealed class DeleteAndPruneTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private async Task<string> SaveAsync(string name, string stage) =>
        (await _workspace.Cli.RunAsync("save", "--name", name, "--stage", stage, "--context", "working-modules")).AssertExit(0).CheckpointId;

    [TestMethod]
    public async Task Delete_removes_the_checkpoint_and_names_it_in_the_STATUS_line()
    {
        var id = await SaveAsync("module-08-backup", "pre-refactor");

        var result = (await _workspace.Cli.RunAsync("delete", "--name", "module-08-backup", "--timestamp", id["module-08-backup_".Length..])).AssertExit(0);

        Assert.AreEqual($"STATUS=OK ACTION=delete CHECKPOINT={id}", result.LastStdOutLine);
        Assert.IsFalse(Directory.Exists(Path.Combine(_workspace.Store, id)));
        var listed = (await _workspace.Cli.RunAsync("list", "--json")).AssertExit(0);
        Assert.AreEqual(0, listed.Json.GetProperty("checkpoints").GetArrayLength());
    }

    [TestMethod]
    public async Task Delete_of_an_unknown_timestamp_exits_2_and_lists_the_existing_ones()
    {
        var id = await SaveAsync("module-08-backup", "pre-refactor");

        var result = (await _workspace.Cli.RunAsync("delete", "--name", "module-08-backup", "--timestamp", "20200101_000000")).AssertExit(2);

        Assert.Contains(id["module-08-backup_".Length..], result.StdErr);
        Assert.IsTrue(Directory.Exists(Path.Combine(_workspace.Store, id)));
        StatusLines.AssertFail(result.LastStdOutLine, "delete");
    }

    [TestMethod]
    public async Task Delete_requires_an_exact_timestamp()
    {
        var result = (await _workspace.Cli.RunAsync("delete", "--name", "module-08-backup")).AssertExit(2);

        Assert.Contains("--timestamp", result.StdErr);
    }

    [TestMethod]
    public async Task Prune_keeps_recent_checkpoints_and_reports_in_json()
    {
        var id = await SaveAsync("module-05", "draft");

        var result = (await _workspace.Cli.RunAsync("prune", "--json")).AssertExit(0);

        Assert.AreEqual(0, result.Json.GetProperty("deleted").GetArrayLength(), "Everything from the last 7 days is kept.");
        Assert.Contains(id, result.Json.GetProperty("kept").EnumerateArray().Select(kept => kept.GetString()).ToList());
        Assert.AreEqual("STATUS=OK ACTION=prune", result.LastStdErrLine);
    }

    [TestMethod]
    public async Task Prune_after_delete_removes_the_contents_only_the_deleted_checkpoint_used()
    {
        var old = await SaveAsync("module-05", "one");
        _workspace.Write("working-modules/draft-a.md", "A new draft that only the second checkpoint has.\n");
        await SaveAsync("module-05", "two");
        (await _workspace.Cli.RunAsync("delete", "--name", "module-05", "--timestamp", old["module-05_".Length..])).AssertExit(0);

        var dryRun = (await _workspace.Cli.RunAsync("prune", "--dry-run", "--json")).AssertExit(0);
        var pruned = (await _workspace.Cli.RunAsync("prune")).AssertExit(0);

        Assert.AreEqual(1L, dryRun.Json.GetProperty("objectsRemoved").GetInt64(), dryRun.ToString());
        Assert.Contains("1 stored file removed", pruned.StdOut);
        Assert.AreEqual("STATUS=OK ACTION=prune", pruned.LastStdOutLine);
        (await _workspace.Cli.RunAsync("verify")).AssertExit(0);
    }

    [TestMethod]
    public async Task Prune_rejects_a_negative_keep_last()
    {
        var result = (await _workspace.Cli.RunAsync("prune", "--keep-last", "-1")).AssertExit(2);

        Assert.Contains("--keep-last", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "prune");
    }
}
