
namespace Checkpoint.Core.Tests.Store;

/// <summary>Checkpoint ids are never handed out twice, and "latest" and retention follow the order they were created in.</summary>
[TestClass]
public sealed class IssuedIdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 25, 2, 30, 0, TimeSpan.Zero);

    private static (TempWorkspace Ws, SteppedClock Clock, CheckpointEngine Engine) Workspace()
    {
        TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        SteppedClock clock = new(Start);
        return (ws, clock, new CheckpointEngine(ws.Root) { Clock = clock });
    }

    private static async Task<string> Save(CheckpointEngine engine, string stage = "x") =>
        (await engine.SaveAsync(new SaveRequest { Name = "work", Stage = stage })).Checkpoint.Id;

    private static string Latest(CheckpointEngine engine) => engine.Show(new CheckpointRef("work", Latest: true)).Id;

    private static void Delete(CheckpointEngine engine, string id) => engine.Delete("work", id["work_".Length..]);

    [TestMethod]
    public async Task An_id_deleted_within_its_second_is_not_handed_out_again_and_latest_stays_the_newest()
    {
        (TempWorkspace ws, _, CheckpointEngine engine) = Workspace();
        using TempWorkspace owned = ws;
        string first = await Save(engine), second = await Save(engine), third = await Save(engine);
        Delete(engine, second);
        Delete(engine, first);

        string fourth = await Save(engine, "fourth");
        string fifth = await Save(engine, "fifth");

        CollectionAssert.AreEqual(new[] { "work_20261025_023000", "work_20261025_023000_2", "work_20261025_023000_3" }, new[] { first, second, third });
        Assert.AreEqual("work_20261025_023000_4", fourth);
        Assert.AreEqual("work_20261025_023000_5", fifth);
        Assert.AreEqual(fifth, Latest(engine));
        CollectionAssert.AreEqual(new[] { fifth, fourth, third }, engine.List().Checkpoints.Select(c => c.Id).ToList());
    }

    [TestMethod]
    public async Task Latest_and_retention_follow_creation_order_when_the_clock_steps_back()
    {
        (TempWorkspace ws, SteppedClock clock, CheckpointEngine engine) = Workspace();
        using TempWorkspace owned = ws;
        string before = await Save(engine, "before");
        clock.Now = Start.AddMinutes(-40); // the hour repeats (DST ends) or NTP steps the clock back
        string after = await Save(engine, "after");

        Assert.AreEqual(after, Latest(engine));
        PruneResult pruned = engine.Prune(new PruneRequest { KeepLast = 1 });

        CollectionAssert.AreEqual(new[] { before }, pruned.Deleted.ToList(), "the older checkpoint goes, whatever its timestamp says");
        Assert.AreEqual("after", engine.Show(new CheckpointRef("work", Latest: true)).Stage);
    }

    [TestMethod]
    public async Task Save_and_prune_in_turns_never_hand_out_a_pruned_id_and_keep_the_newest()
    {
        (TempWorkspace ws, _, CheckpointEngine engine) = Workspace();
        using TempWorkspace owned = ws;
        HashSet<string> issued = [];
        string last = "";
        for (int round = 0; round < 4; round++)
        {
            ws.Write("a.md", $"alpha {round}");
            last = await Save(engine, $"round-{round}");
            Assert.IsTrue(issued.Add(last), $"{last} handed out twice");
            engine.Prune(new PruneRequest { KeepLast = 1 });
            Assert.AreEqual(last, Latest(engine), $"round {round}: prune kept the newest");
        }
        Assert.AreEqual($"round-3", engine.Show(new CheckpointRef("work", Latest: true)).Stage);
    }

    [TestMethod]
    public async Task Folders_the_store_never_issued_are_older_than_issued_ones_and_keep_their_timestamp_order()
    {
        (TempWorkspace ws, SteppedClock clock, CheckpointEngine engine) = Workspace();
        using TempWorkspace owned = ws;
        string a = await Save(engine);
        clock.Now = Start.AddSeconds(1);
        string b = await Save(engine);
        File.Delete(Path.Combine(ws.Store, "ids")); // a store from before the file, or folders copied in by the seed's tool
        clock.Now = Start.AddSeconds(-100);
        string c = await Save(engine);

        CollectionAssert.AreEqual(new[] { c, b, a }, engine.List().Checkpoints.Select(x => x.Id).ToList());
    }

    [TestMethod]
    public async Task An_append_cut_short_by_a_kill_does_not_merge_with_the_next_id()
    {
        (TempWorkspace ws, _, CheckpointEngine engine) = Workspace();
        using TempWorkspace owned = ws;
        string first = await Save(engine);
        File.AppendAllText(Path.Combine(ws.Store, "ids"), "work_2026102"); // killed mid-append: never published

        string second = await Save(engine);

        Assert.AreEqual(second, Latest(engine));
        CollectionAssert.AreEqual(new[] { first, "work_2026102", second }, File.ReadAllLines(Path.Combine(ws.Store, "ids")));
    }
}
