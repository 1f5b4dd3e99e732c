using Checkpoint.Tests.Fixtures;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>A checkpoint written by the seed's own tool: checkpoint.json plus a files/ folder of plain copies.</summary>
[TestClass]
public sealed class SeedLayoutTests
{
    private const string Id = "module-05_20250104_143022";
    private static readonly CheckpointRef Ref = new("module-05", Timestamp: "20250104_143022");

    private static TempWorkspace WithSeedStore()
    {
        TempWorkspace ws = new();
        FixtureStores.CopyInto(FixtureStores.SeedStore, ws.Store);
        return ws;
    }

    [TestMethod]
    public void A_seed_checkpoint_is_listed_and_shown_with_the_seed_layout()
    {
        using TempWorkspace ws = WithSeedStore();

        CheckpointSummary listed = ws.Engine.List().Checkpoints.Single();
        CheckpointDetail detail = ws.Engine.Show(Ref);

        Assert.AreEqual(Id, listed.Id);
        Assert.AreEqual("seed", listed.Layout);
        Assert.AreEqual("2025-01-04T14:30:22", listed.Created);
        Assert.AreEqual(2, listed.TotalFiles);
        Assert.AreEqual(19, listed.TotalWords);
        CollectionAssert.AreEqual(new[] { "lecture-notes.md", "exercises/ex1.md" }, detail.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public async Task A_seed_checkpoint_verifies_against_its_copies()
    {
        using TempWorkspace ws = WithSeedStore();

        VerifyResult ok = await ws.Engine.VerifyAsync();
        File.AppendAllText(Path.Combine(ws.Store, Id, "files", "exercises", "ex1.md"), "tampered");
        VerifyResult damaged = await ws.Engine.VerifyAsync("module-05");

        Assert.IsTrue(ok.Ok);
        Assert.AreEqual(2, ok.Checkpoints.Single().Files);
        Assert.IsFalse(damaged.Ok);
        Assert.AreEqual(new DamagedFile("exercises/ex1.md", "mismatch"), damaged.Checkpoints.Single().Damaged.Single());
    }

    [TestMethod]
    public async Task A_seed_checkpoint_resumes_from_its_copies()
    {
        using TempWorkspace ws = WithSeedStore();

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05", Latest: true) });

        Assert.AreEqual(2, result.Created.Count);
        Assert.IsTrue(result.Verified);
        StringAssert.StartsWith(ws.Read("lecture-notes.md"), "# Module 05: Docker Containers");
        Assert.AreEqual("# Exercise 1\n\nBuild a multi-stage image.\n", ws.Read("exercises/ex1.md"));
        Assert.AreEqual(new DateTime(2025, 1, 4, 14, 10, 2, DateTimeKind.Local), File.GetLastWriteTime(ws.PathOf("exercises/ex1.md")));
        Assert.AreEqual("# Exercise 1\n\nBuild a multi-stage image.\n", System.Text.Encoding.UTF8.GetString(ws.Engine.ReadFile(Ref, "exercises/ex1.md").Bytes));
    }
}
