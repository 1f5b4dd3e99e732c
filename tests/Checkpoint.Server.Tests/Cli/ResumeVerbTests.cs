namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>checkpoint resume</c> (alias <c>restore</c>): dry run, target, safety checkpoint, mirror, report.</summary>
[TestClass]
public sealed class ResumeVerbTests
{
    private const string Lecture = "modules/mod-005-docker-containers/lecture-notes.md";
    private const string Exercise = "modules/mod-005-docker-containers/exercises/ex1.md";
    private const string Extra = "modules/mod-005-docker-containers/scratch.md";

    private TestWorkspace _workspace = null!;
    private string _savedLecture = null!;

    [TestInitialize]
    public async Task SaveAModuleThenChangeIt()
    {
        _workspace = new TestWorkspace().WithSeedModules();
        _savedLecture = _workspace.Read(Lecture);
        (await _workspace.CliIn("modules/mod-005-docker-containers").RunAsync("save", "--name", "module-05", "--stage", "case-studies")).AssertExit(0);
        _workspace.Write(Lecture, "# Refactor gone wrong\n");
        _workspace.Delete(Exercise);
        _workspace.Write(Extra, "not in the checkpoint\n");
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task Resume_latest_restores_overwritten_and_deleted_files_and_names_the_safety_checkpoint()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest")).AssertExit(0);

        Assert.AreEqual(_savedLecture, _workspace.Read(Lecture));
        Assert.IsTrue(_workspace.Exists(Exercise));
        Assert.IsTrue(_workspace.Exists(Extra), "Files not in the checkpoint are left alone without --mirror.");
        Assert.Contains("Safety checkpoint:", result.StdOut);
        StatusLines.AssertOk(result.LastStdOutLine, "resume", "module-05");
    }

    [TestMethod]
    public async Task The_safety_checkpoint_undoes_the_resume()
    {
        var resumed = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--json")).AssertExit(0);
        var safety = resumed.Json.GetProperty("safetyCheckpoint").GetString()!;
        var undo = SplitId(safety);

        (await _workspace.Cli.RunAsync("resume", "--name", undo.Name, "--timestamp", undo.Timestamp)).AssertExit(0);

        Assert.AreEqual("# Refactor gone wrong\n", _workspace.Read(Lecture));
    }

    [TestMethod]
    public async Task Resume_with_dry_run_changes_no_file_on_disk()
    {
        var before = _workspace.WorkingTreeFingerprint();
        var checkpointsBefore = Directory.GetDirectories(_workspace.Store).Length;

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--dry-run")).AssertExit(0);

        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "A dry run must not touch the working tree.");
        Assert.AreEqual(checkpointsBefore, Directory.GetDirectories(_workspace.Store).Length, "A dry run takes no safety checkpoint.");
        Assert.Contains("nothing was changed", result.StdOut);
        Assert.Contains(Lecture, result.StdOut);
        Assert.Contains(Exercise, result.StdOut);
        StatusLines.AssertOk(result.LastStdOutLine, "resume", "module-05");
    }

    [TestMethod]
    public async Task Resume_dry_run_json_reports_what_would_be_created_overwritten_and_left_alone()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--dry-run", "--json")).AssertExit(0);

        var plan = result.Json;
        Assert.IsTrue(plan.GetProperty("dryRun").GetBoolean());
        Assert.AreEqual(Exercise, plan.GetProperty("created").EnumerateArray().Single().GetString());
        Assert.AreEqual(Lecture, plan.GetProperty("overwritten").EnumerateArray().Single().GetString());
        Assert.AreEqual(1L, plan.GetProperty("leftAlone").GetInt64());
        Assert.AreEqual(_workspace.Root, plan.GetProperty("target").GetString());
    }

    [TestMethod]
    public async Task Resume_with_target_restores_into_that_folder_and_leaves_the_root_alone()
    {
        var before = _workspace.WorkingTreeFingerprint();

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--target", "./restored-work", "--json")).AssertExit(0);

        var restored = Path.Combine(_workspace.Root, "restored-work");
        Assert.AreEqual(_savedLecture, File.ReadAllText(Path.Combine(restored, Lecture)));
        Assert.IsTrue(File.Exists(Path.Combine(restored, Exercise)));
        Assert.AreEqual(restored, result.Json.GetProperty("target").GetString());
        Assert.IsFalse(result.Json.TryGetProperty("safetyCheckpoint", out _), "No safety checkpoint is needed outside the root.");
        var after = _workspace.WorkingTreeFingerprint();
        var unrelated = after.Split('\n').Where(line => !line.StartsWith("restored-work", StringComparison.Ordinal));
        CollectionAssert.AreEqual(before.Split('\n').Where(line => line.Length > 0).ToList(), unrelated.Where(line => line.Length > 0).ToList());
    }

    [TestMethod]
    public async Task Resume_files_restores_only_the_named_files_and_folders()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--files", Lecture,
            "modules/mod-005-docker-containers/exercises/", "--target", "./some", "--json")).AssertExit(0);
        var root = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--files", Exercise, "--yes")).AssertExit(0);
        var nothing = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--files", "modules/none.md", "--target", "./none")).AssertExit(2);

        var some = Path.Combine(_workspace.Root, "some");
        var restored = Directory.EnumerateFiles(some, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(some, f)).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "modules/mod-005-docker-containers/exercises/data.json", "modules/mod-005-docker-containers/exercises/ex1.md",
            "modules/mod-005-docker-containers/exercises/ex2.md", Lecture,
        }, restored);
        Assert.AreEqual(_savedLecture, File.ReadAllText(Path.Combine(some, Lecture)));
        Assert.IsTrue(result.Json.GetProperty("verified").GetBoolean());
        Assert.IsTrue(_workspace.Exists(Exercise), root.ToString());
        Assert.AreEqual("# Refactor gone wrong\n", _workspace.Read(Lecture), "only --files is restored into the root");
        Assert.Contains("has no file at or below: modules/none.md", nothing.StdErr + nothing.StdOut);
    }

    [TestMethod]
    public async Task Restore_is_an_alias_of_resume()
    {
        var result = (await _workspace.Cli.RunAsync("restore", "--name", "module-05", "--latest")).AssertExit(0);

        Assert.AreEqual(_savedLecture, _workspace.Read(Lecture));
        StatusLines.AssertOk(result.LastStdOutLine, "resume", "module-05");
    }

    [TestMethod]
    public async Task Resume_by_timestamp_restores_that_checkpoint()
    {
        var first = (await _workspace.Cli.RunAsync("list", "--name", "module-05", "--json")).AssertExit(0)
            .Json.GetProperty("checkpoints").EnumerateArray().Single().GetProperty("timestamp").GetString()!;
        (await _workspace.CliIn("modules/mod-005-docker-containers").RunAsync("save", "--name", "module-05", "--stage", "broken")).AssertExit(0);

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--timestamp", first)).AssertExit(0);

        Assert.AreEqual(_savedLecture, _workspace.Read(Lecture));
        Assert.AreEqual($"STATUS=OK ACTION=resume CHECKPOINT=module-05_{first}", result.LastStdOutLine);
    }

    [TestMethod]
    public async Task Resume_with_mirror_deletes_files_in_the_saved_scope_that_the_checkpoint_does_not_have()
    {
        var outside = "working-modules/draft-a.md";

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--mirror", "--json")).AssertExit(0);

        Assert.IsFalse(_workspace.Exists(Extra), "--mirror deletes what the checkpoint does not have inside its scope.");
        Assert.IsTrue(_workspace.Exists(outside), "--mirror never reaches outside the saved scope.");
        Assert.AreEqual(Extra, result.Json.GetProperty("deleted").EnumerateArray().Single().GetString());
    }

    [TestMethod]
    public async Task Resume_with_report_writes_a_markdown_report_naming_the_restored_files()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--report", "./restore-report.md")).AssertExit(0);

        var report = _workspace.Read("restore-report.md");
        Assert.Contains("lecture-notes.md", report);
        Assert.StartsWith("#", report.TrimStart());
        Assert.Contains("restore-report.md", result.StdOut);
    }

    [TestMethod]
    public async Task Resume_from_a_module_folder_finds_the_store_by_walking_up()
    {
        // Seed, day 2: resume from wherever the work continues.
        var result = (await _workspace.CliIn("modules/mod-005-docker-containers").RunAsync("resume", "--name", "module-05", "--latest")).AssertExit(0);

        Assert.AreEqual(_savedLecture, _workspace.Read(Lecture));
        StatusLines.AssertOk(result.LastStdOutLine, "resume", "module-05");
    }

    private static (string Name, string Timestamp) SplitId(string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(id, @"^(.+)_(\d{8}_\d{6}(?:_\d+)?)$");
        Assert.IsTrue(match.Success, $"Not a checkpoint id: {id}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }
}
