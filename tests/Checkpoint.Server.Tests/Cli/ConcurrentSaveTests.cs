namespace Checkpoint.Server.Tests.Cli;

/// <summary>Two processes saving into one store at the same moment: the store lock serialises them.</summary>
[TestClass]
public sealed class ConcurrentSaveTests
{
    [TestMethod]
    public async Task Two_concurrent_savers_both_succeed_with_distinct_checkpoints_that_verify()
    {
        using var workspace = new TestWorkspace();
        var tree = new GeneratedTree(workspace, "big", fileCount: 1500, fileSize: 4096);
        tree.Write(generation: 0);

        using var first = workspace.Cli.Start("save", "--name", "parallel", "--stage", "first", "--context", tree.Folder);
        using var second = workspace.Cli.Start("save", "--name", "parallel", "--stage", "second", "--context", tree.Folder);
        var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(120)), second.WaitAsync(TimeSpan.FromSeconds(120)));

        foreach (var result in results)
        {
            result.AssertExit(0);
            StatusLines.AssertOk(result.LastStdOutLine, "save", "parallel");
        }
        Assert.AreNotEqual(results[0].CheckpointId, results[1].CheckpointId, "Each saver gets its own checkpoint (a _2 suffix on collision).");
        var listed = (await workspace.Cli.RunAsync("list", "--name", "parallel", "--json")).AssertExit(0);
        var ids = listed.Json.GetProperty("checkpoints").EnumerateArray().Select(checkpoint => checkpoint.GetProperty("id").GetString()).Order().ToArray();
        CollectionAssert.AreEqual(results.Select(result => result.CheckpointId).Order().ToArray(), ids);
        foreach (var id in ids)
            Assert.AreEqual(tree.FileCount, workspace.ManifestPaths(id!).Length, $"{id} is incomplete.");
        (await workspace.Cli.RunAsync("verify")).AssertExit(0);
    }
}
