namespace Checkpoint.Core.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void Core_assembly_loads() => Assert.IsNotNull(typeof(Checkpoint.Core.CheckpointEngine).Assembly);
}
