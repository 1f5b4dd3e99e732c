using Checkpoint.Server.Tests.Lsp;

namespace Checkpoint.Server.Tests;

/// <summary>The tests talk to the artifact they were given (<see cref="ServerExecutable"/>), not to whatever happens to be built.</summary>
[TestClass]
public sealed class ServerExecutableTests
{
    [TestMethod]
    public async Task The_spawned_server_is_the_named_artifact_and_only_the_dll_loads_the_dotnet_runtime()
    {
        await using ServerProcess server = ServerProcess.Start();
        await server.InitializeAsync();

        string image = new FileInfo($"/proc/{server.Process.Id}/exe").ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        bool loadsCoreClr = File.ReadLines($"/proc/{server.Process.Id}/maps").Any(line => line.EndsWith("/libcoreclr.so", StringComparison.Ordinal));
        if (ServerExecutable.IsDll)
        {
            Assert.AreEqual("dotnet", Path.GetFileName(image));
            Assert.IsTrue(loadsCoreClr, "a checkpoint.dll runs on the shared .NET runtime");
        }
        else
        {
            // The Native AOT executable: itself the process image, the runtime compiled in.
            Assert.AreEqual(new FileInfo(ServerExecutable.FilePath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ServerExecutable.FilePath, image);
            Assert.IsFalse(loadsCoreClr, $"{ServerExecutable.FilePath} loaded libcoreclr.so: it is not a Native AOT build");
        }
    }
}
