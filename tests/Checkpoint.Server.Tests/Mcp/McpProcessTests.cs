using Checkpoint.Server.Tests.Cli;
using ModelContextProtocol.Client;

namespace Checkpoint.Server.Tests.Mcp;

/// <summary><c>checkpoint mcp</c> as an agent spawns it: the built binary over stdio, the SDK's stdio client.</summary>
[TestClass]
public sealed class McpProcessTests
{
    // The checkpoint the other process tests spawn (ServerExecutable): the Native AOT executable under npm test, else the
    // checkpoint.dll beside the tests. Both run without reflection-based JSON (PublishAot in the project switches it off
    // in every build), which is what this test caught: the tools' JSON options were built before the source-generated
    // context existed, and `checkpoint mcp` failed at start.
    private static async Task<McpClient> Spawn(string root, List<string> stderr)
    {
        var (program, arguments) = ServerExecutable.CommandLine(["--root", root, "mcp"]);
        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = program,
            Arguments = arguments,
            Name = "checkpoint",
            StandardErrorLines = line => { lock (stderr) stderr.Add(line); },
        }));
    }

    [TestMethod]
    public async Task The_binary_serves_every_tool_over_stdio_and_survives_bad_input()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("notes.md", "first\n");
        List<string> stderr = [];
        await using McpClient client = await Spawn(workspace.Root, stderr);
        Assert.AreEqual("checkpoint", client.ServerInfo?.Name);
        Assert.AreEqual(14, (await client.ListToolsAsync()).Count);

        (await McpTestSession.Call(client, "checkpoint_save", """{"name":"bad name","stage":"s"}""")).AssertError("Invalid checkpoint name");
        (await McpTestSession.Call(client, "checkpoint_save", """{"name":"ok"}""")).AssertError("needs stage");
        (await McpTestSession.Call(client, "no_such_tool")).AssertError("Unknown tool");

        string id = (await McpTestSession.Call(client, "checkpoint_save", """{"name":"ok","stage":"s"}""")).Structured().Str("checkpoint.id");
        workspace.Write("notes.md", "second\n");
        string token = (await McpTestSession.Call(client, "checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured().Str("confirmationToken");
        Assert.AreEqual("second\n", workspace.Read("notes.md"));
        (await McpTestSession.Call(client, "checkpoint_restore", $$"""{"id":"{{id}}","confirm":"{{token}}"}""")).Structured();
        Assert.AreEqual("first\n", workspace.Read("notes.md"));
        Assert.AreEqual("true", (await McpTestSession.Call(client, "checkpoint_verify")).Structured().Str("ok"));
    }

    [TestMethod]
    public async Task Retention_set_in_the_store_applies_to_a_save_from_the_cli_too()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a.md", "a\n");
        Directory.CreateDirectory(workspace.Store);
        File.WriteAllText(Path.Combine(workspace.Store, "retention.json"), """{"maxPerName": 1}""");
        Assert.AreEqual(0, (await workspace.Cli.RunAsync("save", "--name", "r", "--stage", "draft")).ExitCode);
        workspace.Write("a.md", "b\n");
        CliResult second = await workspace.Cli.RunAsync("save", "--name", "r", "--stage", "draft", "--json");
        Assert.AreEqual(0, second.ExitCode, second.StdErr);
        StringAssert.Contains(second.StdOut, "\"retention\":");
        Assert.AreEqual(1, Directory.GetDirectories(workspace.Store, "r_*").Length);
    }
}
