using System.Security.Cryptography;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// What is decided (README, docs/store-format.md): a checkpoint records files, not folders, so an empty folder is
/// neither saved nor recreated — as in git — and a save of one neither fails nor claims it; a sparse file is saved by
/// its content (holes read as zeros) and restored dense, byte for byte.
/// </summary>
[TestClass]
public sealed class EmptyFolderAndSparseFileTests
{
    private static readonly CheckpointRef Latest = new("shape", Latest: true);

    [TestMethod]
    public async Task Empty_folders_are_not_recorded_and_not_recreated()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/guide.md", "a guide");
        Directory.CreateDirectory(ws.PathOf("empty"));
        Directory.CreateDirectory(ws.PathOf("docs/empty/deeper"));
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "shape", Stage = "s" });
        string target = ws.PathOf("restored");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        CollectionAssert.AreEqual(new[] { "docs/guide.md" }, ws.Engine.Show(Latest).Files.Select(f => f.Path).ToArray());
        Assert.AreEqual(1, saved.Checkpoint.TotalFiles);
        Assert.DoesNotContain("skipped", File.ReadAllText(Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json")), "an empty folder is not something skipped");
        CollectionAssert.AreEqual(new[] { "docs/guide.md" }, result.Created.ToArray());
        CollectionAssert.AreEqual(new[] { "docs" }, Directory.GetDirectories(target).Select(Path.GetFileName).ToArray());
        Assert.IsEmpty(Directory.GetDirectories(Path.Combine(target, "docs")));
    }

    [TestMethod]
    public async Task Saving_an_empty_folder_succeeds_with_no_files_and_resuming_it_writes_nothing()
    {
        using TempWorkspace ws = new();
        Directory.CreateDirectory(ws.PathOf("empty/deeper"));
        ws.Write("outside.md", "not in the scope");

        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "shape", Stage = "s", Context = ws.PathOf("empty") });
        var before = ws.Fingerprint();
        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        Assert.AreEqual(0, saved.Checkpoint.TotalFiles);
        Assert.IsEmpty(result.Created);
        Assert.IsEmpty(result.Deleted);
        Assert.IsNull(result.SafetyCheckpoint);
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "the empty folders stay, nothing else is touched");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    [DataRow(16L << 20, true)]    // a hole, then data at 16 MB: past the 4 MB whole-file read, streamed
    [DataRow(64L << 10, true)]    // small: read whole, packed
    [DataRow(9L << 20, false)]    // nothing but a hole
    public async Task A_sparse_file_is_saved_by_its_content_and_restored_byte_for_byte(long holeEnd, bool dataAfterHole)
    {
        using TempWorkspace ws = new();
        string sparse = ws.PathOf("disk.img");
        using (FileStream file = new(sparse, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write("header"u8);
            file.SetLength(holeEnd);
            if (dataAfterHole)
            {
                file.Seek(holeEnd, SeekOrigin.Begin);
                file.Write("data after the hole"u8);
            }
        }
        byte[] original = File.ReadAllBytes(sparse);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "shape", Stage = "s" });
        string target = ws.PathOf("restored");

        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });
        byte[] restored = File.ReadAllBytes(Path.Combine(target, "disk.img"));

        Assert.AreEqual(original.Length, restored.Length);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(original)), Convert.ToHexStringLower(SHA256.HashData(restored)));
        Assert.AreEqual("sha256:" + Convert.ToHexStringLower(SHA256.HashData(original)), ws.Engine.Show(Latest).Files.Single().Hash);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        Assert.IsEmpty((await ws.Engine.DiffAsync(Latest)).Changed, "holes read as zeros: the same content");
    }
}
