namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>resume --target</c> and <c>--report</c>: resolved against the current directory, checked before anything is written.</summary>
[TestClass]
public sealed class ResumeDestinationTests
{
    private const string Lecture = "modules/mod-005-docker-containers/lecture-notes.md";

    private TestWorkspace _workspace = null!;
    private string _savedLecture = null!;

    [TestInitialize]
    public async Task SaveAModuleThenChangeIt()
    {
        _workspace = new TestWorkspace().WithSeedModules();
        _savedLecture = _workspace.Read(Lecture);
        (await _workspace.CliIn("modules/mod-005-docker-containers").RunAsync("save", "--name", "module-05", "--stage", "case-studies")).AssertExit(0);
        _workspace.Write(Lecture, "# Refactor gone wrong\n");
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Resume_with_a_target_that_is_a_file_exits_2_and_says_the_target_must_be_a_folder()
    {
        _workspace.Write("afile", "a regular file\n");
        var before = _workspace.WorkingTreeFingerprint();

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--target", "afile")).AssertExit(2);

        Assert.Contains($"--target must be a folder: {_workspace.PathOf("afile")} is a file", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "Nothing may be written.");
    }

    [TestMethod]
    public async Task Resume_with_a_report_that_cannot_be_written_exits_2_before_restoring_anything()
    {
        _workspace.Write("afile", "a regular file\n");
        var before = _workspace.WorkingTreeFingerprint();

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--report", "afile/report.md")).AssertExit(2);

        Assert.Contains("Cannot write the report", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "No file may be restored when the report cannot be written.");
    }

    [TestMethod]
    public async Task Resume_from_a_subfolder_resolves_a_relative_target_and_report_against_that_subfolder()
    {
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers")
            .RunAsync("resume", "--name", "module-05", "--latest", "--target", "restored", "--report", "reports/restore.md")).AssertExit(0);

        Assert.AreEqual(_savedLecture, _workspace.Read("modules/mod-005-docker-containers/restored/" + Lecture), result.ToString());
        Assert.IsTrue(_workspace.Exists("modules/mod-005-docker-containers/reports/restore.md"), result.ToString());
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("restored")), "A relative --target is not resolved against the root.");
        Assert.IsFalse(Directory.Exists(_workspace.PathOf("reports")), "A relative --report is not resolved against the root.");
        Assert.AreEqual("# Refactor gone wrong\n", _workspace.Read(Lecture), "The root's copy is left alone.");
    }
}
