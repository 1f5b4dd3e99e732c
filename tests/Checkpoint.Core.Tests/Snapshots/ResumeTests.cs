
namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class ResumeTests
{
    private static readonly CheckpointRef Latest = new("module-05", Latest: true);

    private static async Task<SaveResult> Save(TempWorkspace ws, string? context = null) =>
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft", Context = context });

    private static TempWorkspace TreeWithCheckpoint(out Task<SaveResult> saved)
    {
        TempWorkspace ws = new();
        ws.Write("lecture.md", "version one");
        ws.Write("exercises/e1.md", "exercise one");
        ws.Write("exercises/e2.md", "exercise two");
        saved = Save(ws);
        return ws;
    }

    [TestMethod]
    public async Task Resume_with_dry_run_changes_no_file_on_disk()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        ws.Write("lecture.md", "version two, longer");
        File.Delete(ws.PathOf("exercises/e2.md"));
        ws.Write("extra.md", "new");
        var before = ws.Fingerprint();
        int checkpointsBefore = ws.Engine.List().Checkpoints.Count;

        ResumeResult plan = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, DryRun = true, Mirror = true });

        CollectionAssert.AreEqual(before, ws.Fingerprint());
        Assert.AreEqual(checkpointsBefore, ws.Engine.List().Checkpoints.Count);
        Assert.IsTrue(plan.DryRun);
        CollectionAssert.AreEqual(new[] { "exercises/e2.md" }, plan.Created.ToArray());
        CollectionAssert.AreEqual(new[] { "lecture.md" }, plan.Overwritten.ToArray());
        CollectionAssert.AreEqual(new[] { "exercises/e1.md" }, plan.Unchanged.ToArray());
        CollectionAssert.AreEqual(new[] { "extra.md" }, plan.Deleted.ToArray());
        Assert.IsNull(plan.SafetyCheckpoint);
    }

    [TestMethod]
    public async Task Resume_into_a_target_folder_recreates_the_files_with_their_times()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        DateTime lectureTime = File.GetLastWriteTime(ws.PathOf("lecture.md"));
        string target = ws.PathOf("restored-work");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.AreEqual(target, result.Target);
        Assert.AreEqual(3, result.Created.Count);
        Assert.IsTrue(result.Verified);
        Assert.IsNull(result.SafetyCheckpoint);
        Assert.AreEqual("version one", File.ReadAllText(Path.Combine(target, "lecture.md")));
        Assert.AreEqual("exercise two", File.ReadAllText(Path.Combine(target, "exercises/e2.md")));
        Assert.AreEqual(lectureTime.AddTicks(-(lectureTime.Ticks % TimeSpan.TicksPerSecond)), File.GetLastWriteTime(Path.Combine(target, "lecture.md")));
        Assert.IsEmpty(Directory.GetFiles(target, "*.tmp", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task Resume_into_the_root_takes_a_safety_checkpoint_that_undoes_it()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        ws.Write("lecture.md", "version two — the work of an afternoon");
        ws.Write("exercises/e1.md", "exercise one, revised");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        Assert.AreEqual("version one", ws.Read("lecture.md"));
        Assert.AreEqual("exercise one", ws.Read("exercises/e1.md"));
        CollectionAssert.AreEquivalent(new[] { "exercises/e1.md", "lecture.md" }, result.Overwritten.ToArray());
        Assert.IsNotNull(result.SafetyCheckpoint);
        StringAssert.StartsWith(result.SafetyCheckpoint, "module-05-pre-restore_");
        CheckpointSummary safety = ws.Engine.List("module-05-pre-restore").Checkpoints.Single();
        Assert.AreEqual("safety", safety.Stage);
        Assert.AreEqual(2, safety.TotalFiles);

        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05-pre-restore", Latest: true) });

        Assert.AreEqual("version two — the work of an afternoon", ws.Read("lecture.md"));
        Assert.AreEqual("exercise one, revised", ws.Read("exercises/e1.md"));
    }

    [TestMethod]
    public async Task Resume_of_an_unchanged_tree_writes_nothing_and_takes_no_safety_checkpoint()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        var before = ws.Fingerprint();

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        Assert.AreEqual(3, result.Unchanged.Count);
        Assert.IsEmpty(result.Created);
        Assert.IsEmpty(result.Overwritten);
        Assert.IsNull(result.SafetyCheckpoint);
        CollectionAssert.AreEqual(before, ws.Fingerprint());
    }

    [TestMethod]
    public async Task Mirror_deletes_extra_files_only_inside_the_saved_scope_and_never_ignored_ones()
    {
        using TempWorkspace ws = new();
        ws.Write("modules/m1/a.md", "a");
        ws.Write("modules/.gitignore", "*.tmp\n");
        await Save(ws, context: "modules");
        ws.Write("modules/m1/extra.md", "extra in scope");
        ws.Write("modules/cache.tmp", "ignored in scope");
        ws.Write("outside.md", "outside the scope");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        CollectionAssert.AreEqual(new[] { "modules/m1/extra.md" }, result.Deleted.ToArray());
        Assert.IsFalse(ws.Exists("modules/m1/extra.md"));
        Assert.IsTrue(ws.Exists("modules/cache.tmp"));
        Assert.IsTrue(ws.Exists("outside.md"));
        Assert.IsNotNull(result.SafetyCheckpoint, "a deletion is protected by the safety checkpoint too");
        CheckpointDetail safety = ws.Engine.Show(new CheckpointRef("module-05-pre-restore", Latest: true));
        CollectionAssert.AreEqual(new[] { "modules/m1/extra.md" }, safety.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public async Task Without_mirror_files_not_in_the_checkpoint_are_left_alone_and_counted()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        ws.Write("new-1.md", "n1");
        ws.Write("exercises/new-2.md", "n2");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        Assert.AreEqual(2, result.LeftAlone);
        Assert.IsEmpty(result.Deleted);
        Assert.AreEqual("n1", ws.Read("new-1.md"));
        Assert.AreEqual("n2", ws.Read("exercises/new-2.md"));
    }

    [TestMethod]
    public async Task Resume_writes_a_markdown_report_when_asked()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        ws.Write("lecture.md", "changed");
        string report = ws.PathOf("reports/restore-report.md");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Report = report });

        Assert.AreEqual(report, result.Report);
        string text = File.ReadAllText(report);
        StringAssert.Contains(text, "# Restore report: " + result.Id);
        StringAssert.Contains(text, "`lecture.md`");
        StringAssert.Contains(text, "## Verified");
        StringAssert.Contains(text, "## Undo");
    }

    [TestMethod]
    public async Task A_target_that_is_a_file_is_an_invalid_argument_and_nothing_is_written()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        string file = ws.Write("afile", "a regular file");
        var before = ws.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = file }));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        Assert.AreEqual($"--target must be a folder: {file} is a file.", e.Message);
        CollectionAssert.AreEqual(before, ws.Fingerprint());
    }

    [TestMethod]
    public async Task A_target_below_a_file_is_an_invalid_argument_naming_the_file()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        string file = ws.Write("afile", "a regular file");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = Path.Combine(file, "sub"), DryRun = true }));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, $"{file} is a file");
    }

    [TestMethod]
    public async Task A_report_that_cannot_be_written_is_an_invalid_argument_before_any_file_is_restored()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;
        ws.Write("lecture.md", "changed");
        string blocker = ws.Write("notes.txt", "a file where the report's folder should be");
        var before = ws.Fingerprint();
        int checkpointsBefore = ws.Engine.List().Checkpoints.Count;

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Report = Path.Combine(blocker, "report.md") }));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, blocker);
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "nothing may be restored when the report cannot be written");
        Assert.AreEqual(checkpointsBefore, ws.Engine.List().Checkpoints.Count, "no safety checkpoint either");
    }

    [TestMethod]
    public async Task A_report_path_that_is_a_folder_is_an_invalid_argument()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Report = ws.PathOf("exercises"), DryRun = true }));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "is a folder");
    }

    [TestMethod]
    public async Task Resume_of_an_unknown_name_lists_the_available_names()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        await saved;

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-06", Latest: true) }));

        Assert.AreEqual(ErrorKind.NotFound, e.Kind);
        CollectionAssert.AreEqual(new[] { "module-05" }, e.Available!.ToArray());
        StringAssert.Contains(e.Message, "module-05");
    }

    [TestMethod]
    public async Task Resume_of_an_unknown_timestamp_lists_the_timestamps_of_the_name()
    {
        using TempWorkspace ws = TreeWithCheckpoint(out Task<SaveResult> saved);
        SaveResult result = await saved;

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05", Timestamp: "20000101_000000") }));

        Assert.AreEqual(ErrorKind.NotFound, e.Kind);
        CollectionAssert.AreEqual(new[] { result.Checkpoint.Timestamp }, e.Available!.ToArray());
    }

    [TestMethod]
    [DataRow("2025-01-04")]
    [DataRow("20250104_1430")]
    [DataRow("../20250104_143022")]
    public void A_malformed_timestamp_is_an_invalid_argument(string timestamp)
    {
        using TempWorkspace ws = new();
        CheckpointException e = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(new CheckpointRef("module-05", Timestamp: timestamp)));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "YYYYMMDD_HHMMSS");
    }
}
