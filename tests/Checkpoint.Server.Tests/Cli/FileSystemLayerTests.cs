namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// <c>CHECKPOINT_FILESYSTEM</c> through the real executable: Windows' name rules (the portable layer's test mode) on
/// a restore, and a value the executable does not know.
/// </summary>
[TestClass]
public sealed class FileSystemLayerTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task A_resume_under_Windows_name_rules_restores_the_rest_and_lists_each_skipped_name_with_its_reason()
    {
        _workspace.Write("work/nul", "a file Linux allows\n").Write("work/Notes.md", "first\n").Write("work/notes.md", "second\n")
            .Write("work/plan.md", "the plan\n");
        (await _workspace.Cli.RunAsync("save", "--name", "cross", "--stage", "s", "--context", "work")).AssertExit(0);
        var windows = _workspace.Cli;
        windows.ExtraEnvironment["CHECKPOINT_FILESYSTEM"] = "portable-windows";

        var result = (await windows.RunAsync("resume", "--name", "cross", "--latest", "--target", "restored")).AssertExit(1);

        Assert.Contains("'nul' is a device name on Windows", result.StdOut, result.ToString());
        Assert.Contains("differs only in letter case from 'work/Notes.md'", result.StdOut, result.ToString());
        Assert.AreEqual("the plan\n", _workspace.Read("restored/work/plan.md"));
        Assert.AreEqual("first\n", _workspace.Read("restored/work/Notes.md"));
        Assert.IsFalse(_workspace.Exists("restored/work/nul"));
        Assert.IsFalse(_workspace.Exists("restored/work/notes.md"));
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
    }

    [TestMethod]
    public async Task An_unknown_layer_is_an_argument_error_that_names_the_choices_without_a_stack_trace()
    {
        var cli = _workspace.Cli;
        cli.ExtraEnvironment["CHECKPOINT_FILESYSTEM"] = "portible";

        var result = (await cli.RunAsync("list")).AssertExit(2);

        Assert.Contains("CHECKPOINT_FILESYSTEM=portible is not understood: use portable, portable-windows", result.StdErr, result.ToString());
        Assert.DoesNotContain("   at ", result.StdErr, result.ToString());
    }
}
