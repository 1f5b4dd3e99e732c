using Checkpoint.Tests.Fixtures;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>A checkpoint folder written by the seed's own tool (checkpoint.json + files/ copies) lists, verifies and resumes.</summary>
[TestClass]
public sealed class SeedLayoutTests
{
    private const string Id = "module-05_20250104_143022";

    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CopyTheSeedCheckpointIntoTheStore()
    {
        _workspace = new TestWorkspace();
        FixtureStores.CopyInto(FixtureStores.SeedStore, _workspace.Store);
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task A_seed_checkpoint_is_listed_with_the_seed_layout()
    {
        var result = (await _workspace.Cli.RunAsync("list", "--json")).AssertExit(0);

        var checkpoint = result.Json.GetProperty("checkpoints").EnumerateArray().Single();
        Assert.AreEqual(Id, checkpoint.GetProperty("id").GetString());
        Assert.AreEqual("seed", checkpoint.GetProperty("layout").GetString());
        Assert.AreEqual(2L, checkpoint.GetProperty("totalFiles").GetInt64());
    }

    [TestMethod]
    public async Task A_seed_checkpoint_verifies_and_a_damaged_copy_exits_3()
    {
        (await _workspace.Cli.RunAsync("verify")).AssertExit(0);
        File.AppendAllText(Path.Combine(_workspace.Store, Id, "files", "exercises", "ex1.md"), "tampered\n");

        var result = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);

        Assert.Contains("exercises/ex1.md", result.StdOut);
    }

    [TestMethod]
    public async Task A_seed_checkpoint_resumes_into_a_target_folder()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "module-05", "--timestamp", "20250104_143022", "--target", "restored")).AssertExit(0);

        Assert.StartsWith("# Module 05: Docker Containers", _workspace.Read("restored/lecture-notes.md"));
        Assert.IsTrue(_workspace.Exists("restored/exercises/ex1.md"));
        Assert.AreEqual($"STATUS=OK ACTION=resume CHECKPOINT={Id}", result.LastStdOutLine);
    }
}
