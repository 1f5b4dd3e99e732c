using Checkpoint.Core.Snapshots;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

[TestClass]
public sealed class StatIndexTests
{
    private static readonly FileStat Stat = new(EntryKind.File, 10, 5_000_000_000, 5_000_000_000, 42);

    [TestMethod]
    public void An_entry_recorded_well_after_the_mtime_vouches_for_an_identical_stat()
    {
        IndexEntry entry = new(10, Stat.MTimeNs, Stat.CTimeNs, 42, new string('a', 64), 3, Stat.MTimeNs + 2_000_000_000);
        Assert.IsTrue(entry.Vouches(Stat));
        Assert.IsFalse(entry.Vouches(Stat with { Size = 11 }));
        Assert.IsFalse(entry.Vouches(Stat with { CTimeNs = Stat.CTimeNs + 1 }));
        Assert.IsFalse(entry.Vouches(Stat with { Inode = 43 }));
    }

    [TestMethod]
    public void A_racy_entry_recorded_within_a_second_of_its_mtime_does_not_vouch()
    {
        IndexEntry entry = new(10, Stat.MTimeNs, Stat.CTimeNs, 42, new string('a', 64), 3, Stat.MTimeNs + 300_000_000);
        Assert.IsFalse(entry.Vouches(Stat));
    }

    [TestMethod]
    public void The_index_round_trips_and_a_foreign_root_reads_as_empty()
    {
        using TempWorkspace ws = new();
        Directory.CreateDirectory(ws.Store);
        string file = Path.Combine(ws.Store, "index");
        StatIndex index = StatIndex.Empty("/root");
        IndexEntry entry = new(10, 1, 2, 3, new string('b', 64), 7, 9);
        index.Set("dir/é.md", entry);
        index.Save(file, ws.Store);

        Assert.IsTrue(StatIndex.Load(file, "/root").TryGet("dir/é.md", out IndexEntry loaded));
        Assert.AreEqual(entry, loaded);
        Assert.AreEqual(0, StatIndex.Load(file, "/other").Count);
        File.WriteAllText(file, "garbage");
        Assert.AreEqual(0, StatIndex.Load(file, "/root").Count);
    }

    [TestMethod]
    public async Task A_same_size_edit_right_after_a_save_is_detected_even_with_the_mtime_put_back()
    {
        using TempWorkspace ws = new();
        string path = ws.Write("notes.md", "aaaa bbbb");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });
        DateTime mtime = File.GetLastWriteTimeUtc(path);

        File.WriteAllText(path, "cccc dddd");
        File.SetLastWriteTimeUtc(path, mtime);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });

        string hash = ws.Engine.Show(new CheckpointRef("m", Latest: true)).Files.Single().Hash;
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("cccc dddd"), hash);
    }

    [TestMethod]
    public void Only_new_or_changed_files_are_read_once_the_index_knows_the_tree()
    {
        using TempWorkspace ws = new();
        for (int i = 0; i < 20; i++)
        {
            // Old mtimes, so the index entries are not racy.
            File.SetLastWriteTimeUtc(ws.Write($"f{i}.md", $"content {i}"), DateTime.UtcNow.AddMinutes(-5));
        }
        SnapshotSaver saver = new(new Workspace(ws.Root, ws.Store));
        SaveSpec spec = new("m", "s", "", null, [""]);
        using (StoreLock.Acquire(new StoreLayout(ws.Store)))
        {
            saver.SaveLocked(spec, null, CancellationToken.None);
            Assert.AreEqual(20, saver.FilesRead);

            saver.SaveLocked(spec, null, CancellationToken.None);
            Assert.AreEqual(0, saver.FilesRead);

            ws.Write("f3.md", "changed");
            ws.Write("new.md", "new");
            saver.SaveLocked(spec, null, CancellationToken.None);
            Assert.AreEqual(2, saver.FilesRead);
        }
    }
}
