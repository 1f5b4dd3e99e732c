using Checkpoint.Core.Snapshots;
using Checkpoint.Core.Store;

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
    public async Task A_corrupt_object_is_named_by_verify_and_stops_resume_as_a_whole()
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
    }

    [TestMethod]
    public async Task With_no_verify_the_intact_files_are_restored_and_the_corrupt_one_is_failed_and_not_written()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        ForgedCheckpoint.CorruptStoredByte(ws, "exercise one", 9, (byte)'0');
        File.Delete(ws.PathOf("lecture.md"));
        File.Delete(ws.PathOf("exercises/e1.md"));
        string report = ws.PathOf("restore-report.md");

        ResumeResult forced = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, NoVerify = true, Report = report });

        Assert.AreEqual("lecture text", ws.Read("lecture.md"));
        Assert.IsFalse(ws.Exists("exercises/e1.md"), "corrupted bytes must never be written");
        CollectionAssert.AreEqual(new[] { "lecture.md" }, forced.Created.ToArray());
        Assert.AreEqual("exercises/e1.md", forced.Failed.Single().Path);
        StringAssert.Contains(forced.Failed.Single().Reason, "does not match its SHA-256");
        Assert.AreEqual(new DamagedFile("exercises/e1.md", "mismatch"), forced.Damaged.Single());
        // Each written file was hashed on its way in (the corrupt one was never written), but the restore as a whole is
        // not verified: a file of the checkpoint is missing from it.
        Assert.IsFalse(forced.Verified, "a restore that left a file out is not verified");
        StringAssert.Contains(File.ReadAllText(report), "`exercises/e1.md` — not restored");
        Assert.AreEqual(0, Directory.GetFiles(ws.PathOf("exercises")).Length, "no temp file is left behind");
    }

    [TestMethod]
    public async Task With_no_verify_a_damaged_file_keeps_its_working_copy_and_is_not_in_the_safety_checkpoint()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        ForgedCheckpoint.CorruptStoredByte(ws, "exercise one", 9, (byte)'0');
        ws.Write("exercises/e1.md", "my newer work");
        ws.Write("lecture.md", "lecture rewritten");

        ResumeResult forced = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, NoVerify = true });

        Assert.AreEqual("my newer work", ws.Read("exercises/e1.md"));
        Assert.AreEqual("lecture text", ws.Read("lecture.md"));
        CollectionAssert.AreEqual(new[] { "lecture.md" }, forced.Overwritten.ToArray());
        CheckpointDetail safety = ws.Engine.Show(new CheckpointRef(SnapshotRestorer.SafetyName("module-05"), Latest: true));
        CollectionAssert.AreEqual(new[] { "lecture.md" }, safety.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public async Task With_no_verify_a_large_corrupt_file_copied_in_chunks_is_not_written()
    {
        using TempWorkspace ws = new();
        // Above the whole-file limit: streamed in chunks, hashed on the way; random, so it is stored as is.
        byte[] big = new byte[5 << 20];
        new Random(5).NextBytes(big);
        ws.WriteBytes("big.txt", big);
        ws.Write("small.md", "small");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        ContentLocation stored = new ObjectStore(new StoreLayout(ws.Store)).Locate(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big)))!.Value;
        Assert.AreEqual(ObjectCodec.Stored, stored.Codec, "incompressible content is kept as is");
        using (FileStream stream = new(stored.Path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 4 << 20;
            stream.WriteByte((byte)(big[4 << 20] ^ 0xFF));
        }
        File.Delete(ws.PathOf("big.txt"));
        File.Delete(ws.PathOf("small.md"));

        ResumeResult forced = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, NoVerify = true });

        Assert.IsFalse(ws.Exists("big.txt"));
        Assert.AreEqual("small", ws.Read("small.md"));
        Assert.AreEqual(new DamagedFile("big.txt", "mismatch"), forced.Damaged.Single());
    }

    [TestMethod]
    public async Task With_no_verify_a_missing_object_is_failed_as_missing_and_the_rest_restored()
    {
        using TempWorkspace ws = new();
        string big = new('x', 300 * 1024); // above the pack limit: a loose object file
        ws.Write("big.txt", big);
        ws.Write("small.md", "small");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        File.Delete(ForgedCheckpoint.Locate(ws, big)!.Value.Path);
        File.Delete(ws.PathOf("big.txt"));
        File.Delete(ws.PathOf("small.md"));

        ResumeResult forced = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, NoVerify = true });

        Assert.IsFalse(ws.Exists("big.txt"));
        Assert.AreEqual("small", ws.Read("small.md"));
        Assert.AreEqual(new DamagedFile("big.txt", "missing"), forced.Damaged.Single());
        StringAssert.Contains(forced.Failed.Single().Reason, "missing from the store");
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
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "pack-*.idx"))
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
