using Checkpoint.Core.Snapshots;

namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class IntegrityTests
{
    private static readonly CheckpointRef Latest = new("module-05", Latest: true);

    private static async Task<(TempWorkspace Ws, string Id)> Saved()
    {
        TempWorkspace ws = new();
        ws.Write("lecture.md", "lecture text");
        ws.Write("exercises/e1.md", "exercise one");
        SaveResult result = await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        return (ws, result.Checkpoint.Id);
    }

    [TestMethod]
    public async Task Verify_passes_for_an_intact_store()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;

        VerifyResult result = await ws.Engine.VerifyAsync();

        Assert.IsTrue(result.Ok);
        Assert.AreEqual(new VerifiedCheckpoint(id, true, 2, []).Id, result.Checkpoints.Single().Id);
        Assert.AreEqual(2, result.Checkpoints.Single().Files);
    }

    [TestMethod]
    public async Task A_corrupt_object_is_named_by_verify_and_stops_resume_unless_no_verify()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        ForgedCheckpoint.CorruptStoredByte(ws, "exercise one", 9, (byte)'0');
        File.Delete(ws.PathOf("lecture.md"));
        File.Delete(ws.PathOf("exercises/e1.md"));
        var before = ws.Fingerprint();

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException refused = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Report = ws.PathOf("../report-" + Guid.NewGuid() + ".md") }));

        Assert.IsFalse(verify.Ok);
        Assert.AreEqual(new DamagedFile("exercises/e1.md", "mismatch"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(ErrorKind.Integrity, refused.Kind);
        StringAssert.Contains(refused.Message, "exercises/e1.md");
        Assert.AreEqual("exercises/e1.md", refused.Damaged!.Single().Path);
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "the intact lecture.md was not written either");

        ResumeResult forced = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, NoVerify = true });

        Assert.IsFalse(forced.Verified);
        Assert.AreEqual("exercise 0ne", ws.Read("exercises/e1.md"));
        Assert.AreEqual("lecture text", ws.Read("lecture.md"));
    }

    [TestMethod]
    public async Task A_missing_object_is_reported_missing()
    {
        using TempWorkspace ws = new();
        string big = new('x', 300 * 1024); // above the pack limit: a loose object file
        ws.Write("big.txt", big);
        ws.Write("small.md", "small");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        File.Delete(ForgedCheckpoint.Locate(ws, big)!.Value.Path);

        VerifyResult verify = await ws.Engine.VerifyAsync("module-05");
        CheckpointException readFailure = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(Latest, "big.txt"));

        Assert.AreEqual(new DamagedFile("big.txt", "missing"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(ErrorKind.Integrity, readFailure.Kind);
    }

    [TestMethod]
    public async Task A_lost_pack_index_makes_its_objects_missing_not_a_crash()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "*.idx"))
        {
            File.Delete(index);
        }

        VerifyResult verify = await ws.Engine.VerifyAsync();

        CollectionAssert.AreEquivalent(new[] { new DamagedFile("exercises/e1.md", "missing"), new DamagedFile("lecture.md", "missing") },
            verify.Checkpoints.Single().Damaged.ToArray());
    }

    [TestMethod]
    public async Task A_corrupt_checkpoint_json_is_reported_damaged_not_a_crash()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;
        await ws.Engine.SaveAsync(new SaveRequest { Name = "other", Stage = "draft" });
        File.WriteAllText(Path.Combine(ws.Store, id, "checkpoint.json"), "{ \"name\": \"module-05\", \"files\": [ {");

        VerifyResult verify = await ws.Engine.VerifyAsync();
        ListResult list = ws.Engine.List();
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(Latest));

        Assert.IsFalse(verify.Ok);
        VerifiedCheckpoint damaged = verify.Checkpoints.Single(c => c.Id == id);
        Assert.AreEqual(new DamagedFile("checkpoint.json", "unreadable"), damaged.Damaged.Single());
        Assert.IsTrue(verify.Checkpoints.Single(c => c.Id != id).Ok);
        Assert.AreEqual("other", list.Checkpoints.Single().Name);
        Assert.AreEqual(ErrorKind.Integrity, show.Kind);
        StringAssert.Contains(show.Message, id);
    }

    [TestMethod]
    public async Task ReadFile_returns_the_saved_bytes_and_refuses_unknown_paths()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        ws.Write("lecture.md", "changed since");

        FileContent content = ws.Engine.ReadFile(Latest, "lecture.md");
        CheckpointException unknown = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(Latest, "nope.md"));

        Assert.AreEqual("lecture text", System.Text.Encoding.UTF8.GetString(content.Bytes));
        Assert.AreEqual(ErrorKind.NotFound, unknown.Kind);
    }

    [TestMethod]
    public async Task Diff_reports_added_removed_and_changed_within_the_scope()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;
        ws.Write("lecture.md", "lecture TEXT");
        File.Delete(ws.PathOf("exercises/e1.md"));
        ws.Write("exercises/e2.md", "new");
        ws.Write("memory/checkpoints-notes.md", "also new");

        DiffResult diff = await ws.Engine.DiffAsync(Latest);

        Assert.AreEqual(id, diff.Id);
        CollectionAssert.AreEqual(new[] { "exercises/e2.md", "memory/checkpoints-notes.md" }, diff.Added.ToArray());
        CollectionAssert.AreEqual(new[] { "exercises/e1.md" }, diff.Removed.ToArray());
        CollectionAssert.AreEqual(new[] { "lecture.md" }, diff.Changed.ToArray());
        Assert.AreEqual(0, diff.Unchanged);
    }

    [TestMethod]
    public async Task Delete_removes_the_checkpoint_and_keeps_objects_for_prune()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;
        string timestamp = id["module-05_".Length..];
        int objects = ws.ObjectCount();

        DeleteResult deleted = ws.Engine.Delete("module-05", timestamp);
        CheckpointException again = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Delete("module-05", timestamp));

        Assert.AreEqual(id, deleted.Id);
        Assert.IsFalse(Directory.Exists(Path.Combine(ws.Store, id)));
        Assert.IsEmpty(ws.Engine.List().Checkpoints);
        Assert.AreEqual(objects, ws.ObjectCount());
        Assert.AreEqual(ErrorKind.NotFound, again.Kind);
    }
}
