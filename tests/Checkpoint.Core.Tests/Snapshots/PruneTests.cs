
namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class PruneTests
{
    /// <summary>One checkpoint per (name, age in days, stage), each with its own file content.</summary>
    private static async Task<Dictionary<string, string>> Checkpoints(TempWorkspace ws, params (string Name, int AgeDays, string Stage)[] specs)
    {
        Dictionary<string, string> ids = [];
        foreach ((string name, int age, string stage) in specs)
        {
            string file = ws.Write($"{name}-{age}.md", $"{name} {age} {stage}");
            SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = name, Stage = stage, Files = [file] });
            ids[$"{name}/{age}"] = ForgedCheckpoint.Backdate(ws, saved.Checkpoint.Id, DateTime.Now.AddDays(-age).AddMinutes(-1), stage);
            File.Delete(file);
        }
        return ids;
    }

    [TestMethod]
    public async Task Prune_keeps_the_last_week_and_final_or_validated_and_drops_the_rest_after_30_days()
    {
        using TempWorkspace ws = new();
        var ids = await Checkpoints(ws, ("m", 1, "draft"), ("m", 10, "draft"), ("m", 31, "draft"), ("m", 60, "final"), ("m", 90, "validated"), ("n", 45, "case-studies"));

        PruneResult result = ws.Engine.Prune(new PruneRequest());

        CollectionAssert.AreEquivalent(new[] { ids["m/31"], ids["n/45"] }, result.Deleted.ToArray());
        CollectionAssert.AreEquivalent(new[] { ids["m/1"], ids["m/10"], ids["m/60"], ids["m/90"] }, result.Kept.ToArray());
        Assert.AreEqual(2, result.ObjectsRemoved);
        Assert.IsGreaterThan(0L, result.BytesFreed);
        Assert.AreEqual(4, ws.ObjectCount());
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok, "no remaining checkpoint lost an object");
    }

    [TestMethod]
    public async Task Prune_dry_run_reports_but_deletes_nothing()
    {
        using TempWorkspace ws = new();
        var ids = await Checkpoints(ws, ("m", 1, "draft"), ("m", 40, "draft"));
        var before = ws.Fingerprint(ws.Store);

        PruneResult result = ws.Engine.Prune(new PruneRequest { DryRun = true });

        Assert.IsTrue(result.DryRun);
        CollectionAssert.AreEqual(new[] { ids["m/40"] }, result.Deleted.ToArray());
        Assert.AreEqual(1, result.ObjectsRemoved);
        CollectionAssert.AreEqual(before, ws.Fingerprint(ws.Store));
    }

    [TestMethod]
    public async Task Keep_last_keeps_the_newest_per_name_plus_final_ones()
    {
        using TempWorkspace ws = new();
        var ids = await Checkpoints(ws, ("m", 1, "draft"), ("m", 2, "draft"), ("m", 3, "final"), ("m", 4, "draft"), ("n", 5, "draft"));

        PruneResult result = ws.Engine.Prune(new PruneRequest { KeepLast = 1 });

        CollectionAssert.AreEquivalent(new[] { ids["m/2"], ids["m/4"] }, result.Deleted.ToArray());
        CollectionAssert.AreEquivalent(new[] { ids["m/1"], ids["m/3"], ids["n/5"] }, result.Kept.ToArray());
    }

    [TestMethod]
    public async Task Max_age_days_replaces_the_30_day_rule()
    {
        using TempWorkspace ws = new();
        var ids = await Checkpoints(ws, ("m", 1, "draft"), ("m", 3, "draft"), ("m", 5, "validated"));

        PruneResult result = ws.Engine.Prune(new PruneRequest { MaxAgeDays = 2 });

        CollectionAssert.AreEqual(new[] { ids["m/3"] }, result.Deleted.ToArray());
    }

    [TestMethod]
    public async Task Prune_collects_objects_of_deleted_checkpoints_but_not_shared_ones()
    {
        using TempWorkspace ws = new();
        ws.Write("shared.md", "shared");
        ws.Write("only-old.md", "only in the first");
        SaveResult first = await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });
        await ws.Engine.SaveAsync(new SaveRequest { Name = "n", Stage = "s", Files = ["shared.md"] });
        ws.Engine.Delete("m", first.Checkpoint.Timestamp);

        PruneResult result = ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(1, result.ObjectsRemoved);
        Assert.IsFalse(ForgedCheckpoint.HasContent(ws, "only in the first"));
        Assert.IsTrue(ForgedCheckpoint.HasContent(ws, "shared"));

        // only-old.md is untouched on disk: the stat index must not vouch for its collected object.
        SaveResult again = await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s" });
        Assert.AreEqual(1, again.NewObjects);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public void Negative_retention_values_are_invalid_arguments()
    {
        using TempWorkspace ws = new();
        Assert.AreEqual(ErrorKind.InvalidArgument, Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Prune(new PruneRequest { KeepLast = -1 })).Kind);
        Assert.AreEqual(ErrorKind.InvalidArgument, Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Prune(new PruneRequest { MaxAgeDays = -3 })).Kind);
    }
}
