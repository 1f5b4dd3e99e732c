using System.Security.Cryptography;
using Checkpoint.Tests.Fixtures;

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
        FixtureStores.CopyInto(fixture == "seed-store" ? FixtureStores.SeedStore : Path.Combine(AppContext.BaseDirectory, "Store", "Fixtures", fixture), ws.Store);
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
    [DataRow("fmt2")]
    [DataRow("fmt2trees")]
    public async Task A_format_2_store_lists_verifies_and_restores_byte_for_byte_with_the_modes_a_new_file_gets(string name)
    {
        using TempWorkspace ws = WithFixtureStore("format2-trees");
        CheckpointRef old = new(name, Latest: true);
        string target = Path.Combine(ws.Root, "restored");
        string probe = ws.Write("probe.txt", "what a new file's mode is here (umask)");

        CheckpointDetail detail = ws.Engine.Show(old);
        VerifyResult verified = await ws.Engine.VerifyAsync();
        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = old, Target = target });

        Assert.IsTrue(verified.Ok, string.Join(", ", verified.Checkpoints.SelectMany(c => c.Damaged)));
        Assert.AreEqual(2, verified.Checkpoints.Count);
        CollectionAssert.AreEqual(new[] { "docs/api/x.md", "docs/guide.md", "run.sh", "src/main.c" }, detail.Files.Select(f => f.Path).ToArray());
        Assert.AreEqual(4, resumed.Created.Count);
        foreach (CheckpointFile file in detail.Files)
        {
            byte[] restored = File.ReadAllBytes(Path.Combine(target, file.Path));
            Assert.AreEqual(file.Hash, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(restored)), file.Path);
        }
        Assert.IsFalse(File.Exists(Path.Combine(target, "latest.md")), "format 2 recorded the link as skipped: nothing to restore");
        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(File.GetUnixFileMode(probe), File.GetUnixFileMode(Path.Combine(target, "run.sh")), "no mode recorded: a new file's default, as before");
        }
    }

    [TestMethod]
    public async Task A_format_2_checkpoint_keeps_the_replaced_files_permissions_and_a_mirror_leaves_links_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using TempWorkspace ws = WithFixtureStore("format2-trees");
        CheckpointRef old = new("fmt2", Latest: true);
        ws.Write("run.sh", "#!/bin/sh\necho edited since\n");
        File.SetUnixFileMode(ws.PathOf("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(ws.PathOf("latest.md"), "docs/guide.md");

        DiffResult diff = await ws.Engine.DiffAsync(old);
        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = old, Mirror = true });

        Assert.IsFalse(diff.Added.Contains("latest.md"), "a format-2 checkpoint could not record links: diff does not list one");
        Assert.AreEqual("#!/bin/sh\necho format 2\n", ws.Read("run.sh"));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ws.PathOf("run.sh")));
        Assert.AreEqual("docs/guide.md", new FileInfo(ws.PathOf("latest.md")).LinkTarget, "a mirror of a checkpoint that could not record links leaves them");
        Assert.IsFalse(resumed.Deleted.Contains("latest.md"));
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
