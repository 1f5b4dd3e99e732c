namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>--root</c> and <c>--store</c>, before or after the verb, and the root found by walking up.</summary>
[TestClass]
public sealed class GlobalOptionTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Root_before_the_verb_selects_the_workspace_from_outside_it()
    {
        using var elsewhere = new TestWorkspace();

        // --context resolves against the current directory, as a shell user means it.
        var result = (await elsewhere.Cli.RunAsync("--root", _workspace.Root, "save", "--name", "batch", "--stage", "one", "--context", _workspace.PathOf("working-modules"))).AssertExit(0);

        Assert.IsTrue(Directory.Exists(Path.Combine(_workspace.Store, result.CheckpointId)), result.ToString());
        Assert.IsFalse(Directory.Exists(elsewhere.Store), "Nothing is written where the command was typed.");
    }

    [TestMethod]
    public async Task Store_after_the_verb_puts_checkpoints_in_that_folder()
    {
        var store = Path.Combine(_workspace.Root, "elsewhere", "store");

        var saved = (await _workspace.Cli.RunAsync("save", "--name", "batch", "--stage", "one", "--context", "working-modules", "--store", "elsewhere/store")).AssertExit(0);
        var listed = (await _workspace.Cli.RunAsync("list", "--store", store, "--json")).AssertExit(0);

        Assert.IsTrue(File.Exists(Path.Combine(store, saved.CheckpointId, "checkpoint.json")), saved.ToString());
        Assert.IsFalse(Directory.Exists(_workspace.Store), "The default store stays untouched.");
        Assert.AreEqual(saved.CheckpointId, listed.Json.GetProperty("checkpoints").EnumerateArray().Single().GetProperty("id").GetString());
    }

    [TestMethod]
    public async Task A_folder_with_memory_checkpoints_is_found_as_the_root_without_git()
    {
        Directory.Delete(_workspace.PathOf(".git"));
        (await _workspace.Cli.RunAsync("save", "--name", "first", "--stage", "one", "--context", "working-modules")).AssertExit(0);

        var result = (await _workspace.CliIn("modules/mod-008-monitoring/exercises").RunAsync("list", "--json")).AssertExit(0);

        Assert.AreEqual(1, result.Json.GetProperty("checkpoints").GetArrayLength(), $"The store at <root>/memory/checkpoints should be found by walking up.\n{result}");
    }

    [TestMethod]
    public async Task List_of_an_unknown_name_says_no_checkpoints_have_that_name()
    {
        (await _workspace.Cli.RunAsync("save", "--name", "module-05", "--stage", "one", "--context", "working-modules")).AssertExit(0);

        var result = (await _workspace.Cli.RunAsync("list", "--name", "module-06")).AssertExit(0);

        Assert.Contains("No checkpoints named 'module-06'", result.StdOut);
    }

    [TestMethod]
    [DataRow(new[] { "--root", "ROOT", "serve" }, DisplayName = "--root before serve")]
    [DataRow(new[] { "serve", "--store", "ROOT/memory/checkpoints" }, DisplayName = "--store after serve")]
    [DataRow(new[] { "--root", "ROOT", "--store", "ROOT/memory/checkpoints", "serve", "--clientProcessId", "1" }, DisplayName = "both, as the extension once passed them")]
    public async Task Serve_refuses_root_and_store_instead_of_ignoring_them(string[] args)
    {
        // The language server's workspace comes from initialize (workspaceFolders, initializationOptions):
        // a command-line root that silently lost to the client's folder was a second source of truth.
        var result = (await _workspace.Cli.RunAsync([.. args.Select(arg => arg.Replace("ROOT", _workspace.Root))])).AssertExit(2);

        StringAssert.Contains(result.StdErr, "initialize", result.ToString());
        StringAssert.Contains(result.StdErr, "--root or --store", result.ToString());
    }
}
