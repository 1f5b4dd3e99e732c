using System.Security.Cryptography;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Core.Tests.Store;

/// <summary>
/// Stores written by earlier versions, kept as real files (Store/Fixtures/README.md says how each was made): they
/// list, verify, resume and prune unchanged, and a format-2 save into them leaves the old checkpoints intact.
/// </summary>
[TestClass]
public sealed class OldStoreFixtureTests
{
    private static TempWorkspace WithFixtureStore(string fixture)
    {
        TempWorkspace ws = new();
        string source = fixture == "seed-store"
            ? Path.Combine(AppContext.BaseDirectory, "Snapshots", "Fixtures", "seed-store")
            : Path.Combine(AppContext.BaseDirectory, "Store", "Fixtures", fixture);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(ws.Store, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return ws;
    }

    [TestMethod]
    [DataRow("format1-packs-brotli", "fmt1", 3, "objects")]
    [DataRow("format1-pck1-loose", "old", 3, "objects")]
    [DataRow("seed-store", "module-05", 2, "seed")]
    public async Task An_old_store_lists_verifies_resumes_and_prunes_unchanged_beside_format_2(string fixture, string name, int files, string layout)
    {
        using TempWorkspace ws = WithFixtureStore(fixture);
        CheckpointRef old = new(name, Latest: true);
        string target = Path.Combine(ws.Root, "restored");

        CheckpointSummary listed = ws.Engine.List().Checkpoints.Single();
        CheckpointDetail detail = ws.Engine.Show(old);
        VerifyResult verified = await ws.Engine.VerifyAsync();
        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = old, Target = target });
        // A format-2 save into the old store, then a prune with every checkpoint kept: nothing of the old one may go.
        ws.Write("new.md", "written by format 2\n");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "fresh", Stage = "draft", Files = ["new.md"] });
        ws.Engine.Prune(new PruneRequest { KeepLast = 10, MaxAgeDays = 100_000 });
        VerifyResult afterPrune = await ws.Engine.VerifyAsync();

        Assert.AreEqual(layout, listed.Layout);
        Assert.AreEqual(files, listed.TotalFiles);
        Assert.IsTrue(verified.Ok, string.Join(", ", verified.Checkpoints.SelectMany(c => c.Damaged)));
        Assert.AreEqual(files, detail.Files.Count);
        foreach (CheckpointFile file in detail.Files)
        {
            byte[] restored = File.ReadAllBytes(Path.Combine(target, file.Path));
            Assert.AreEqual(file.Hash, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(restored)), file.Path);
        }
        Assert.IsTrue(afterPrune.Ok, string.Join(", ", afterPrune.Checkpoints.SelectMany(c => c.Damaged)));
        Assert.AreEqual(2, afterPrune.Checkpoints.Count);
    }

    [TestMethod]
    [DataRow("format1-packs-brotli", "fmt1")]
    [DataRow("format1-pck1-loose", "old")]
    public async Task Deleting_an_old_checkpoint_lets_prune_collect_its_old_objects(string fixture, string name)
    {
        using TempWorkspace ws = WithFixtureStore(fixture);
        string timestamp = ws.Engine.List().Checkpoints.Single().Timestamp;

        ws.Engine.Delete(name, timestamp);
        PruneResult pruned = ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(3, pruned.ObjectsRemoved, pruned.ToString());
        Assert.AreEqual(0, ws.ObjectCount());
    }
}
