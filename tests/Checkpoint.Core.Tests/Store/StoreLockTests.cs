using System.Diagnostics;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

[TestClass]
public sealed class StoreLockTests
{
    [TestMethod]
    public async Task A_lock_left_by_a_dead_process_is_taken_over()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "a");
        Directory.CreateDirectory(ws.Store);
        using Process exited = Process.Start(new ProcessStartInfo("true"))!;
        await exited.WaitForExitAsync();
        File.WriteAllText(Path.Combine(ws.Store, "lock"), $"{exited.Id} 12345\n");

        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });

        Assert.AreEqual(1, saved.Checkpoint.TotalFiles);
        Assert.IsFalse(File.Exists(Path.Combine(ws.Store, "lock")), "released after the save");
    }

    [TestMethod]
    public void Writers_taking_and_releasing_the_lock_in_a_tight_loop_never_fail()
    {
        // A release between another writer's O_EXCL create (EEXIST) and its look at the file used to escape
        // as "The file … already exists" (exit 1; seen once in CI with two concurrent savers). Many short
        // holds from two threads make that window likely.
        using TempWorkspace ws = new();
        StoreLayout layout = new(ws.Store);
        int held = 0, overlaps = 0;
        void Writer()
        {
            for (int i = 0; i < 1500; i++)
            {
                using StoreLock storeLock = StoreLock.Acquire(layout, TimeSpan.FromSeconds(30));
                if (Interlocked.Increment(ref held) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }
                Interlocked.Decrement(ref held);
            }
        }

        Parallel.Invoke(Writer, Writer, Writer);

        Assert.AreEqual(0, overlaps, "the lock is held by one writer at a time");
        Assert.IsFalse(File.Exists(layout.LockFile));
    }

    [TestMethod]
    public void A_live_holder_is_waited_for_then_reported_by_pid()
    {
        using TempWorkspace ws = new();
        StoreLayout layout = new(ws.Store);
        using StoreLock held = StoreLock.Acquire(layout);

        CheckpointException e = Assert.ThrowsExactly<CheckpointException>(() => StoreLock.Acquire(layout, TimeSpan.FromMilliseconds(200)));

        Assert.AreEqual(ErrorKind.Locked, e.Kind);
        StringAssert.Contains(e.Message, $"process {Environment.ProcessId}");
    }

    [TestMethod]
    public void A_lock_whose_pid_now_belongs_to_a_later_process_is_taken_over()
    {
        using TempWorkspace ws = new();
        StoreLayout layout = new(ws.Store);
        layout.EnsureCreated();
        // Our own PID with a start stamp of the same clock that is not ours: the owner died and the PID was reused.
        string mine = FileSystem.Current.ProcessStart(Environment.ProcessId)!;
        string earlier = mine.Contains(':') ? mine[..(mine.IndexOf(':') + 1)] + "1" : "1";
        File.WriteAllText(layout.LockFile, $"{Environment.ProcessId} {earlier}\n");

        using StoreLock taken = StoreLock.Acquire(layout, TimeSpan.FromMilliseconds(200));

        StringAssert.StartsWith(File.ReadAllText(layout.LockFile), $"{Environment.ProcessId} {mine}");
    }

    [TestMethod]
    public void A_start_stamp_another_process_saw_a_few_milliseconds_off_still_names_the_live_owner()
    {
        // On Linux .NET computes a process's UTC start from the boot time in each process: two concurrent savers
        // on the portable layer saw each other's start ~ms apart, took each other's lock for stale and collided.
        using TempWorkspace ws = new();
        StoreLayout layout = new(ws.Store);
        layout.EnsureCreated();
        string mine = new PortableFileSystem(NameRules.Posix).ProcessStart(Environment.ProcessId)!;
        long ticks = long.Parse(mine["utc:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(layout.LockFile, $"{Environment.ProcessId} utc:{ticks + TimeSpan.FromMilliseconds(7).Ticks}\n");

        CheckpointException e = Assert.ThrowsExactly<CheckpointException>(() => StoreLock.Acquire(layout, TimeSpan.FromMilliseconds(200)));

        Assert.AreEqual(ErrorKind.Locked, e.Kind);
    }

    [TestMethod]
    public void A_lock_stamped_by_the_other_layer_is_not_stolen_from_a_live_pid()
    {
        using TempWorkspace ws = new();
        StoreLayout layout = new(ws.Store);
        layout.EnsureCreated();
        string mine = FileSystem.Current.ProcessStart(Environment.ProcessId)!;
        string otherLayers = mine.Contains(':') ? "1" : "utc:1";
        // The Linux layer stamps clock ticks since boot, the portable one UTC ticks: they cannot be compared, so a
        // running PID keeps its lock (a CLI forced to the portable layer beside the editor's server, say).
        File.WriteAllText(layout.LockFile, $"{Environment.ProcessId} {otherLayers}\n");

        CheckpointException e = Assert.ThrowsExactly<CheckpointException>(() => StoreLock.Acquire(layout, TimeSpan.FromMilliseconds(200)));

        Assert.AreEqual(ErrorKind.Locked, e.Kind);
    }

    [TestMethod]
    public async Task Concurrent_saves_from_two_engines_are_serialised_and_both_complete()
    {
        using TempWorkspace ws = new();
        for (int i = 0; i < 300; i++)
        {
            ws.Write($"d{i % 7}/f{i}.md", $"file {i} " + new string('x', i));
        }
        CheckpointEngine second = new(ws.Root);

        SaveResult[] results = await Task.WhenAll(
            Task.Run(() => ws.Engine.SaveAsync(new SaveRequest { Name = "one", Stage = "s" })),
            Task.Run(() => second.SaveAsync(new SaveRequest { Name = "two", Stage = "s" })));

        Assert.AreEqual(300, results[0].Checkpoint.TotalFiles);
        Assert.AreEqual(300, results[1].Checkpoint.TotalFiles);
        Assert.AreEqual(300, results[0].NewObjects + results[1].NewObjects, "the second saver found the first one's objects");
        Assert.AreEqual(2, ws.Engine.List().Checkpoints.Count);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public async Task Leftovers_of_a_crashed_writer_are_cleaned_by_the_next_save()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "a");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });
        string tmpObject = Path.Combine(ws.Store, "tmp", "0123abcd.999.1");
        File.WriteAllText(tmpObject, "half an object");
        string staged = Path.Combine(ws.Store, "tmp", "m_20250101_000000.999.publish");
        Directory.CreateDirectory(staged);
        File.WriteAllText(Path.Combine(staged, "checkpoint.json"), "{");
        string partial = Path.Combine(ws.Store, "m_20250101_000001");
        Directory.CreateDirectory(Path.Combine(partial, "files"));
        string orphanPack = Path.Combine(ws.Store, "objects", "pack", "pack-crashed.pack");
        File.WriteAllText(orphanPack, "renamed into place, but its index never was");

        await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });

        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(ws.Store, "tmp")));
        Assert.IsFalse(Directory.Exists(partial));
        Assert.IsFalse(File.Exists(orphanPack));
        Assert.AreEqual(2, ws.Engine.List().Checkpoints.Count);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }
}
