
namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A pack index is input from disk: every field of an entry may be wrong. Whatever the field, verify names the
/// file, resume writes nothing (no 0-byte file, no temp) and exits as an integrity failure, and so does a read
/// for a diff editor — never an exception from inside a parallel loop.
/// </summary>
[TestClass]
public sealed class DamagedPackIndexTests
{
    // Compressible, so that the compressed rows really store it as a Brotli pack entry.
    private static readonly string Damaged = string.Concat(Enumerable.Repeat("exercise one, ", 40));

    /// <param name="compressed">Every content compressed (Brotli pack entries, read through another path) or stored as is.</param>
    private static async Task<TempWorkspace> Saved(bool compressed)
    {
        TempWorkspace ws = compressed ? new(compressionMinimumLength: 1) : new();
        ws.Write("lecture.md", "lecture text");
        ws.Write("exercises/e1.md", Damaged);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        return ws;
    }

    private static readonly (string Field, int Offset, long Value)[] DamagedFields =
    [
        ("offset -1", 32, -1L),
        ("offset long.MinValue", 32, long.MinValue),
        ("offset past the pack", 32, 1L << 40),
        ("offset + length overflowing", 32, long.MaxValue - 4),
        ("stored length -1 (would read as the whole pack)", 40, -1L),
        ("stored length past the pack", 40, int.MaxValue),
        ("content length -1", 44, -1L),
        ("content length past the limit", 44, int.MaxValue),
        ("unknown codec", 48, 7L),
    ];

    public static IEnumerable<object[]> Fields =>
        DamagedFields.SelectMany(f => new[] { new object[] { f.Field, f.Offset, f.Value, false }, [f.Field, f.Offset, f.Value, true] });

    [TestMethod]
    [DynamicData(nameof(Fields))]
    public async Task Verify_names_the_file_of_a_damaged_index_entry(string field, int fieldOffset, long value, bool compressed)
    {
        using TempWorkspace ws = await Saved(compressed);
        ForgedCheckpoint.DamagePackIndexEntry(ws, Damaged, fieldOffset, value);

        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.IsFalse(verify.Ok, field);
        Assert.AreEqual("exercises/e1.md", verify.Checkpoints.Single().Damaged.Single().Path, field);
    }

    [TestMethod]
    [DynamicData(nameof(Fields))]
    public async Task Resume_of_a_damaged_index_entry_writes_nothing_into_the_root_or_a_target(string field, int fieldOffset, long value, bool compressed)
    {
        using TempWorkspace ws = await Saved(compressed);
        ForgedCheckpoint.DamagePackIndexEntry(ws, Damaged, fieldOffset, value);
        File.Delete(ws.PathOf("lecture.md"));
        File.Delete(ws.PathOf("exercises/e1.md"));
        var before = ws.Fingerprint();
        string target = ws.PathOf("restored");

        foreach (string? into in new[] { null, target })
        {
            CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
                ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05", Latest: true), Target = into }), field);

            Assert.AreEqual(ErrorKind.Integrity, e.Kind, field);
            StringAssert.Contains(e.Message, "exercises/e1.md", field);
        }
        CollectionAssert.AreEqual(before, ws.Fingerprint(), $"{field}: not a byte written, not even an empty file");
        Assert.IsFalse(Directory.Exists(target), field);
        CheckpointException read = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(new CheckpointRef("module-05", Latest: true), "exercises/e1.md"));
        Assert.AreEqual(ErrorKind.Integrity, read.Kind, field);
    }

    [TestMethod]
    [DynamicData(nameof(Fields))]
    public async Task Resume_with_no_verify_restores_the_intact_files_and_reports_the_damaged_one(string field, int fieldOffset, long value, bool compressed)
    {
        using TempWorkspace ws = await Saved(compressed);
        ForgedCheckpoint.DamagePackIndexEntry(ws, Damaged, fieldOffset, value);
        File.Delete(ws.PathOf("lecture.md"));
        File.Delete(ws.PathOf("exercises/e1.md"));

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05", Latest: true), NoVerify = true });

        Assert.AreEqual("lecture text", ws.Read("lecture.md"), field);
        Assert.IsFalse(ws.Exists("exercises/e1.md"), $"{field}: the damaged file is not written, not even empty");
        Assert.AreEqual("exercises/e1.md", result.Failed.Single().Path, field);
        Assert.IsEmpty(Directory.GetFiles(ws.Root, ".ckpt-restore-*", SearchOption.AllDirectories), field);
    }

    [TestMethod]
    [DynamicData(nameof(Fields))]
    public async Task A_later_save_and_prune_live_with_a_damaged_index_entry(string field, int fieldOffset, long value, bool compressed)
    {
        using TempWorkspace ws = await Saved(compressed);
        ForgedCheckpoint.DamagePackIndexEntry(ws, Damaged, fieldOffset, value);
        ws.Write("lecture.md", "lecture text, changed");

        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "second" });
        ws.Engine.Prune(new PruneRequest { KeepLast = 1 });
        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.IsTrue(verify.Checkpoints.Single().Ok || verify.Checkpoints.Single().Damaged.Single().Path == "exercises/e1.md", field);
    }
}
