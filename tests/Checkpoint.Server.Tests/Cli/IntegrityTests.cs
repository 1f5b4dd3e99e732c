namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>verify</c>, and <c>resume</c> refusing damaged content: exit 3 naming each damaged file.</summary>
[TestClass]
public sealed class IntegrityTests
{
    private const string Lecture = "modules/mod-005-docker-containers/lecture-notes.md";

    private TestWorkspace _workspace = null!;
    private string _id = null!;

    [TestInitialize]
    public async Task SaveTwoCheckpoints()
    {
        _workspace = new TestWorkspace().WithSeedModules();
        (await _workspace.Cli.RunAsync("save", "--name", "batch", "--stage", "one", "--context", "working-modules")).AssertExit(0);
        _id = (await _workspace.CliIn("modules/mod-005-docker-containers").RunAsync("save", "--name", "module-05", "--stage", "two")).AssertExit(0).CheckpointId;
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private string HashOf(string path) =>
        _workspace.Manifest(_id).GetProperty("files").EnumerateArray()
            .Single(file => file.GetProperty("path").GetString() == path).GetProperty("hash").GetString()!;

    [TestMethod]
    public async Task Verify_of_a_healthy_store_exits_0_and_marks_every_checkpoint_OK()
    {
        var result = (await _workspace.Cli.RunAsync("verify")).AssertExit(0);

        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("OK") && line.Contains(_id)), result.ToString());
        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("OK") && line.Contains("batch_")), result.ToString());
        Assert.AreEqual("STATUS=OK ACTION=verify", result.LastStdOutLine);
    }

    [TestMethod]
    public async Task Verify_exits_3_and_names_the_file_whose_stored_content_is_corrupted()
    {
        StoredObjects.Corrupt(_workspace.Store, HashOf(Lecture));

        var result = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);

        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("DAMAGED") && line.Contains(_id)), result.ToString());
        Assert.Contains(Lecture, result.StdOut);
        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("OK") && line.Contains("batch_")), "Undamaged checkpoints stay OK.\n" + result);
        Assert.AreEqual("STATUS=FAIL ACTION=verify", result.LastStdOutLine);
    }

    [TestMethod]
    [DataRow(-1L)]
    [DataRow(1L << 40)]
    public async Task A_damaged_pack_index_entry_fails_verify_and_resume_with_exit_3_and_writes_no_file(long offset)
    {
        StoredObjects.SetPackOffset(_workspace.Store, HashOf(Lecture), offset);
        _workspace.Delete(Lecture);

        var verify = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);
        var resume = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest")).AssertExit(3);

        Assert.Contains(Lecture, verify.StdOut);
        Assert.AreEqual("STATUS=FAIL ACTION=verify", verify.LastStdOutLine);
        Assert.Contains(Lecture, resume.StdErr);
        Assert.DoesNotContain("nexpected", resume.StdErr + resume.StdOut);
        Assert.IsFalse(_workspace.Exists(Lecture), "not even an empty file under the real name:\n" + resume);
    }

    [TestMethod]
    public async Task Verify_json_reports_the_missing_object_per_checkpoint()
    {
        StoredObjects.Lose(_workspace.Store, HashOf(Lecture));

        var result = (await _workspace.Cli.RunAsync("verify", "--name", "module-05", "--json")).AssertExit(3);

        Assert.IsFalse(result.Json.GetProperty("ok").GetBoolean());
        var checkpoint = result.Json.GetProperty("checkpoints").EnumerateArray().Single();
        Assert.AreEqual(_id, checkpoint.GetProperty("id").GetString());
        var damaged = checkpoint.GetProperty("damaged").EnumerateArray().Single();
        Assert.AreEqual(Lecture, damaged.GetProperty("path").GetString());
        Assert.AreEqual("missing", damaged.GetProperty("problem").GetString());
        StatusLines.AssertFail(result.LastStdErrLine, "verify");
    }

    [TestMethod]
    public async Task Verify_of_one_checkpoint_names_it_in_the_STATUS_line()
    {
        var timestamp = _id["module-05_".Length..];

        var result = (await _workspace.Cli.RunAsync("verify", "--name", "module-05", "--timestamp", timestamp)).AssertExit(0);

        Assert.AreEqual($"STATUS=OK ACTION=verify CHECKPOINT={_id}", result.LastStdOutLine);
    }

    [TestMethod]
    public async Task Resume_of_a_checkpoint_with_corrupted_content_exits_3_and_changes_nothing()
    {
        _workspace.Write(Lecture, "# current work\n");
        StoredObjects.Corrupt(_workspace.Store, HashOf(Lecture));
        var before = _workspace.WorkingTreeFingerprint();

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest")).AssertExit(3);

        Assert.Contains(Lecture, result.StdErr);
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "A refused resume must not touch the working tree.");
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
    }
}
