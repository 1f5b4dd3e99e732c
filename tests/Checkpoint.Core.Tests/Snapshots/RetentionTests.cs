using Checkpoint.Core.Snapshots;

namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class RetentionTests
{
    private static async Task<string> Save(TempWorkspace ws, string name, string stage, int ageDays = 0)
    {
        string file = ws.Write($"{name}.md", $"{name} {stage} {Guid.NewGuid()}");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = name, Stage = stage, Files = [file] });
        return ageDays == 0 ? saved.Checkpoint.Id : ForgedCheckpoint.Backdate(ws, saved.Checkpoint.Id, DateTime.Now.AddDays(-ageDays), stage);
    }

    [TestMethod]
    public async Task Without_a_setting_a_save_deletes_nothing_and_reports_no_retention()
    {
        using TempWorkspace ws = new();
        await Save(ws, "m", "draft", ageDays: 400);
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "draft", Files = [ws.Write("m.md", "x")] });
        Assert.IsNull(saved.Retention);
        Assert.AreEqual(2, ws.Engine.List().Checkpoints.Count);
    }

    [TestMethod]
    public async Task Max_per_name_deletes_the_oldest_after_a_save_but_never_final_or_validated_and_reports_it()
    {
        using TempWorkspace ws = new();
        string oldest = await Save(ws, "m", "draft", ageDays: 3);
        string final = await Save(ws, "m", "final", ageDays: 2);
        string middle = await Save(ws, "m", "draft", ageDays: 1);
        string other = await Save(ws, "other", "draft", ageDays: 5);
        ws.Engine.SetRetention(new RetentionSettings(MaxPerName: 2, MaxAgeDays: null));

        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "draft", Files = [ws.Write("m.md", "newest")] });

        Assert.IsNotNull(saved.Retention);
        // Newest first: the new one and middle are the two kept; final is kept whatever its rank.
        CollectionAssert.AreEquivalent(new[] { oldest }, saved.Retention.Deleted.ToArray());
        CollectionAssert.AreEquivalent(new[] { saved.Checkpoint.Id, middle, final, other },
            ws.Engine.List().Checkpoints.Select(c => c.Id).ToArray());
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok, "retention collected an object a remaining checkpoint needs");
    }

    [TestMethod]
    public async Task Max_age_keeps_the_newest_safety_checkpoint_and_the_checkpoint_just_saved()
    {
        using TempWorkspace ws = new();
        ws.Write("doc.md", "v1");
        SaveResult first = await ws.Engine.SaveAsync(new SaveRequest { Name = "doc", Stage = "draft", Files = ["doc.md"] });
        ws.Write("doc.md", "v2");
        ResumeResult restored = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("doc", Latest: true) });
        string safety = ForgedCheckpoint.Backdate(ws, restored.SafetyCheckpoint!, DateTime.Now.AddDays(-40), SnapshotRestorer.SafetyStage);
        string stale = ForgedCheckpoint.Backdate(ws, first.Checkpoint.Id, DateTime.Now.AddDays(-40), "draft");
        ws.Engine.SetRetention(new RetentionSettings(MaxPerName: null, MaxAgeDays: 30));

        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "doc", Stage = "draft", Files = ["doc.md"] });

        CollectionAssert.AreEquivalent(new[] { stale }, saved.Retention!.Deleted.ToArray());
        CollectionAssert.Contains(ws.Engine.List().Checkpoints.Select(c => c.Id).ToArray(), safety);
    }

    [TestMethod]
    public void A_setting_that_keeps_nothing_or_a_broken_file_is_refused_with_what_is_allowed()
    {
        using TempWorkspace ws = new();
        var zero = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.SetRetention(new RetentionSettings(0, null)));
        StringAssert.Contains(zero.Message, "maxPerName must be 1 or more");
        Directory.CreateDirectory(ws.Store);
        File.WriteAllText(Path.Combine(ws.Store, RetentionSettings.FileName), "{\"maxPerName\": \"ten\"}");
        var broken = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.SaveAsync(new SaveRequest { Name = "m", Stage = "s", Files = [ws.Write("a.md", "a")] }).GetAwaiter().GetResult());
        StringAssert.Contains(broken.Message, "Expected {\"maxPerName\": 10, \"maxAgeDays\": 30}");
        Assert.AreEqual(0, ws.Engine.List().Checkpoints.Count, "a save went ahead with a broken retention setting");
    }
}
