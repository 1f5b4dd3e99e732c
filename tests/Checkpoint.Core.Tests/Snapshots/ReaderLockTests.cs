using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// The writers' lock is for writers: what only reads the store (a restore into another folder, a dry run, list, show,
/// diff, verify, export) never waits for it, so it works beside a running save and from a store it cannot write.
/// </summary>
[TestClass]
public sealed class ReaderLockTests
{
    private static readonly CheckpointRef Latest = new("docs", Latest: true);

    [TestMethod]
    public async Task A_restore_into_another_folder_does_not_take_the_writers_lock()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        string target = Path.Combine(ws.Root, "restored");
        using StoreLock writer = StoreLock.Acquire(new StoreLayout(ws.Store));

        Task<ResumeResult> restore = ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });
        Task<ResumeResult> dryRun = ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, DryRun = true });

        // The lock is waited for up to 10 s: a restore that needs it is still waiting when this gives up.
        Task all = Task.WhenAll(restore, dryRun);
        Assert.AreSame(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5))), "a reader waited for the writers' lock");
        Assert.AreEqual("alpha", File.ReadAllText(Path.Combine(target, "docs/a.md")));
        Assert.IsTrue((await restore).Verified);
        CollectionAssert.AreEqual(new[] { "docs/a.md" }, (await dryRun).Unchanged.ToArray());
    }

    [TestMethod]
    public async Task A_writer_on_a_store_it_cannot_write_says_so_and_what_still_works()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        // A folder named "lock" where the lock file goes: the create fails as on a read-only store, for root too.
        Directory.CreateDirectory(Path.Combine(ws.Store, "lock", "in-the-way"));

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "y" }));

        Assert.AreEqual(ErrorKind.Failed, e.Kind);
        StringAssert.Contains(e.Message, $"The checkpoint store '{ws.Store}' cannot be written");
        StringAssert.Contains(e.Message, "resume --target DIR only read it");
    }
}
