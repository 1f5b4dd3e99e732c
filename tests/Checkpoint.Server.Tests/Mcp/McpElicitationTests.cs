using System.Text.Json;
using Checkpoint.Server.Tests.Cli;
using ModelContextProtocol.Protocol;

namespace Checkpoint.Server.Tests.Mcp;

/// <summary>With a client that can ask its user (MCP elicitation), restore and delete ask instead of issuing a token.</summary>
[TestClass]
public sealed class McpElicitationTests
{
    private static ElicitResult Answer(bool accept, bool confirm) => new()
    {
        Action = accept ? "accept" : "decline",
        Content = accept ? new Dictionary<string, JsonElement> { ["confirm"] = JsonDocument.Parse(confirm ? "true" : "false").RootElement } : null,
    };

    [TestMethod]
    public async Task An_accepted_elicitation_restores_in_one_call()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a.txt", "saved\n");
        List<string> asked = [];
        await using var session = await McpTestSession.StartAsync(workspace.Root, request =>
        {
            asked.Add(request!.Message);
            return Answer(accept: true, confirm: true);
        });
        string id = (await session.CallAsync("checkpoint_save", """{"name":"w","stage":"s"}""")).Structured().Str("checkpoint.id");
        workspace.Write("a.txt", "edited\n");

        JsonElement restored = (await session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured();
        Assert.AreEqual("restored", restored.Str("status"));
        Assert.AreEqual("saved\n", workspace.Read("a.txt"));
        StringAssert.Contains(asked.Single(), "1 to overwrite");
        StringAssert.Contains(asked.Single(), "a.txt");
    }

    [TestMethod]
    public async Task A_declined_or_unticked_elicitation_writes_and_deletes_nothing()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a.txt", "saved\n");
        bool accept = false;
        await using var session = await McpTestSession.StartAsync(workspace.Root, _ => Answer(accept, confirm: false));
        string id = (await session.CallAsync("checkpoint_save", """{"name":"w","stage":"s"}""")).Structured().Str("checkpoint.id");
        workspace.Write("a.txt", "edited\n");

        Assert.AreEqual("declined", (await session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured().Str("status"));
        accept = true; // accepted, but the box left unticked
        Assert.AreEqual("declined", (await session.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}"}""")).Structured().Str("status"));
        Assert.AreEqual("declined", (await session.CallAsync("checkpoint_delete", $$"""{"id":"{{id}}"}""")).Structured().Str("status"));
        Assert.AreEqual("edited\n", workspace.Read("a.txt"));
        Assert.AreEqual(1, (await session.CallAsync("checkpoint_list")).Structured().GetProperty("checkpoints").GetArrayLength());
    }
}
