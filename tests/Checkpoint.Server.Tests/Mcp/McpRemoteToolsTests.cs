using Checkpoint.Server.Tests.Cli;
using ModelContextProtocol.Protocol;

namespace Checkpoint.Server.Tests.Mcp;

/// <summary>checkpoint_remotes, checkpoint_push and checkpoint_pull: two workspaces as two machines, a bare git repository on disk as the remote.</summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class McpRemoteToolsTests
{
    private static string Temp(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "checkpoint-mcp-remote-tests", Guid.NewGuid().ToString("N")[..12], name);
        Directory.CreateDirectory(path);
        return path;
    }

    [TestMethod]
    public async Task An_agent_pushes_from_one_machine_and_another_lists_then_pulls_it_byte_identical()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        laptop.Write("src/app.txt", "one\ntwo\n").Write("README.md", "# Readme\n");
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        await using var agentA = await McpTestSession.StartAsync(laptop.Root);
        await using var agentB = await McpTestSession.StartAsync(devBox.Root);
        string id = (await agentA.CallAsync("checkpoint_save", """{"name":"handoff","stage":"draft"}""")).Structured().Str("checkpoint.id");

        CallToolResult pushed = await agentA.CallAsync("checkpoint_push");
        CallToolResult again = await agentA.CallAsync("checkpoint_push", $$"""{"id":"{{id}}"}""");
        CallToolResult listed = await agentB.CallAsync("checkpoint_remotes");
        CallToolResult pulled = await agentB.CallAsync("checkpoint_pull", """{"name":"handoff"}""");
        CallToolResult listedAfter = await agentB.CallAsync("checkpoint_remotes", """{"remote":"origin"}""");

        Assert.AreEqual("pushed", pushed.Structured().GetProperty("checkpoints")[0].Str("outcome"));
        StringAssert.Contains(pushed.Text(), "1 pushed, 0 up-to-date.");
        Assert.AreEqual("up-to-date", again.Structured().GetProperty("checkpoints")[0].Str("outcome"), "a push is idempotent");
        Assert.IsFalse(listed.Structured().GetProperty("listed").GetProperty("checkpoints")[0].GetProperty("local").GetBoolean());
        StringAssert.Contains(listed.Text(), $"1 not in this store (checkpoint_pull fetches them): {id}");
        Assert.AreEqual("pulled", pulled.Structured().GetProperty("checkpoints")[0].Str("outcome"));
        Assert.IsTrue(listedAfter.Structured().GetProperty("listed").GetProperty("checkpoints")[0].GetProperty("local").GetBoolean());
        Assert.IsTrue((await agentB.CallAsync("checkpoint_verify", $$"""{"id":"{{id}}"}""")).Structured().GetProperty("ok").GetBoolean());
        var restored = Temp("restored");
        string token = (await agentB.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","target":"{{restored}}"}""")).Structured().Str("confirmationToken");
        (await agentB.CallAsync("checkpoint_restore", $$"""{"id":"{{id}}","target":"{{restored}}","confirm":"{{token}}"}""")).Structured();
        Assert.AreEqual("one\ntwo\n", File.ReadAllText(Path.Combine(restored, "src/app.txt")));
    }

    [TestMethod]
    public async Task Push_with_withNotes_sends_the_linking_day_note_and_without_it_none_travels()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        laptop.Write("src/app.txt", "one\n");
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        await using var agentA = await McpTestSession.StartAsync(laptop.Root);
        await using var agentB = await McpTestSession.StartAsync(devBox.Root);
        string id = (await agentA.CallAsync("checkpoint_save", """{"name":"handoff","stage":"draft"}""")).Structured().Str("checkpoint.id");
        string note = $"# 2026-12-01\n\n## SURVIVAL 10:00 — Context: 96%\n**TASK:** t\n**NEXT:** n\n**BLOCKED:** none\n**Snapshot:** {id}\n";
        laptop.Write("memory/episodic/2026-12-01.md", note);
        string refName = $"refs/checkpoints/handoff/{id["handoff_".Length..]}";

        (await agentA.CallAsync("checkpoint_push")).Structured();
        Assert.DoesNotContain("notes/", GitFixture.Run(remote, "ls-tree", "-r", "--name-only", refName));
        CallToolResult pushed = await agentA.CallAsync("checkpoint_push", """{"withNotes":true}""");
        Assert.AreEqual("pushed", pushed.Structured().GetProperty("checkpoints")[0].Str("outcome"));
        StringAssert.Contains(GitFixture.Run(remote, "ls-tree", "-r", "--name-only", refName), "notes/2026-12-01.md");
        (await agentB.CallAsync("checkpoint_pull")).Structured();
        Assert.AreEqual(note, devBox.Read("memory/episodic/2026-12-01.md"));
    }

    [TestMethod]
    public async Task Without_a_remote_the_tools_say_how_to_add_one_and_a_conflict_is_an_error_naming_the_checkpoint()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        laptop.Write("a.txt", "laptop\n");
        devBox.Write("a.txt", "dev box\n");
        await using var agentA = await McpTestSession.StartAsync(laptop.Root);
        await using var agentB = await McpTestSession.StartAsync(devBox.Root);

        CallToolResult none = await agentA.CallAsync("checkpoint_remotes");
        CallToolResult noPush = await agentA.CallAsync("checkpoint_push");
        Assert.AreEqual(0, none.Structured().GetProperty("remotes").GetArrayLength());
        StringAssert.Contains(none.Text(), "checkpoint remote add origin");
        Assert.IsTrue(noPush.IsError, noPush.Text());

        // The same id on both machines with different content: the pull refuses it, names it, and overwrites nothing.
        string id = (await agentA.CallAsync("checkpoint_save", """{"name":"same","stage":"s"}""")).Structured().Str("checkpoint.id");
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await agentA.CallAsync("checkpoint_push")).Structured();
        (await agentB.CallAsync("checkpoint_save", """{"name":"same","stage":"s"}""")).Structured();
        string own = Directory.GetDirectories(devBox.Store, "same_*").Single();
        if (Path.GetFileName(own) != id)
            Directory.Move(own, Path.Combine(devBox.Store, id));
        string before = File.ReadAllText(Path.Combine(devBox.Store, id, "checkpoint.json"));

        CallToolResult conflict = await agentB.CallAsync("checkpoint_pull");

        Assert.IsTrue(conflict.IsError, conflict.Text());
        StringAssert.Contains(conflict.Text(), $"{id} conflict");
        Assert.AreEqual(before, File.ReadAllText(Path.Combine(devBox.Store, id, "checkpoint.json")), "nothing overwritten");
    }
}
