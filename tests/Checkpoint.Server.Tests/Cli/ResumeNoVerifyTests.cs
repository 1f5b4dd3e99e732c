namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>resume --no-verify</c> of a damaged checkpoint: the intact files are restored, the damaged ones are never written.</summary>
[TestClass]
public sealed class ResumeNoVerifyTests
{
    private const string Module = "modules/mod-005-docker-containers";
    private const string Lecture = Module + "/lecture-notes.md";
    // Large enough to be stored as its own object file, so the test can damage exactly its bytes.
    private const string Big = Module + "/dataset.txt";

    private TestWorkspace _workspace = null!;
    private string _savedLecture = null!;

    [TestInitialize]
    public async Task SaveThenDamageOneObjectAndLoseTheWorkingFiles()
    {
        _workspace = new TestWorkspace().WithSeedModules();
        _workspace.Write(Big, string.Concat(Enumerable.Repeat("measurement 42\n", 30_000)));
        _savedLecture = _workspace.Read(Lecture);
        var saved = (await _workspace.CliIn(Module).RunAsync("save", "--name", "module-05", "--stage", "case-studies")).AssertExit(0);
        var bigEntry = _workspace.Manifest(saved.CheckpointId).GetProperty("files").EnumerateArray()
            .Single(file => file.GetProperty("path").GetString() == Big);
        StoredObjects.Corrupt(_workspace.Store, bigEntry.GetProperty("hash").GetString()!);
        _workspace.Delete(Lecture);
        _workspace.Delete(Big);
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Resume_no_verify_restores_the_intact_files_and_exits_3_listing_the_corrupt_one_as_failed()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--no-verify", "--report", "report.md")).AssertExit(3);

        Assert.AreEqual(_savedLecture, _workspace.Read(Lecture), "The intact files are restored.");
        Assert.IsFalse(_workspace.Exists(Big), $"Corrupted bytes must never be written.\n{result}");
        Assert.Contains($"! {Big}: not restored: its stored content does not match its SHA-256", result.StdOut, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
        var report = _workspace.Read("report.md");
        Assert.Contains($"`{Big}` — not restored", report);
        Assert.Contains("the intact files were restored (--no-verify)", report);
    }

    [TestMethod]
    public async Task Resume_no_verify_json_lists_the_corrupt_file_under_failed_and_damaged()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--no-verify", "--json")).AssertExit(3);

        var failed = result.Json.GetProperty("failed").EnumerateArray().Select(file => file.GetProperty("path").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { Big }, failed);
        Assert.AreEqual("mismatch", result.Json.GetProperty("damaged")[0].GetProperty("problem").GetString());
        Assert.Contains(Lecture, result.Json.GetProperty("created").EnumerateArray().Select(path => path.GetString()).ToList());
    }

    [TestMethod]
    public async Task Resume_without_no_verify_refuses_and_its_advice_says_the_damaged_files_are_not_written()
    {
        var before = _workspace.WorkingTreeFingerprint();

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest")).AssertExit(3);

        Assert.Contains("--no-verify to restore the intact files (the damaged ones are not written)", result.StdErr, result.ToString());
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint());
    }
}
