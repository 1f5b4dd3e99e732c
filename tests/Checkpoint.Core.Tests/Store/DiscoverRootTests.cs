namespace Checkpoint.Core.Tests.Store;

[TestClass]
public sealed class DiscoverRootTests
{
    [TestMethod]
    public void The_root_is_the_nearest_ancestor_with_a_store_or_a_git_folder()
    {
        using TempWorkspace ws = new();
        Directory.CreateDirectory(ws.PathOf(".git"));
        string module = ws.PathOf("modules/mod-005-docker-containers");
        Directory.CreateDirectory(module);
        Directory.CreateDirectory(ws.PathOf("modules/memory/checkpoints"));

        Assert.AreEqual(ws.PathOf("modules"), CheckpointEngine.DiscoverRoot(module));
        Assert.AreEqual(ws.Root, CheckpointEngine.DiscoverRoot(ws.PathOf(".git")));
    }
}
