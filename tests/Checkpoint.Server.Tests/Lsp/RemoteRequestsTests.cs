using Checkpoint.Server.Tests.Cli;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>checkpoint/push, checkpoint/pull, checkpoint/remotes and checkpoint/remoteCheckpoints against a real bare repository.</summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RemoteRequestsTests
{
    [TestMethod]
    public async Task Push_and_pull_requests_move_a_checkpoint_between_two_servers_and_the_remote_only_one_is_listed_first()
    {
        var remote = GitFixture.BareRemote(Path.Combine(Path.GetTempPath(), "checkpoint-lsp-remote", Guid.NewGuid().ToString("N")[..12]));
        await using var laptop = await CheckpointServerSession.StartAsync(workspace => workspace.Write("work/a.md", "from the laptop\n"));
        await using var devBox = await CheckpointServerSession.StartAsync();
        foreach (var session in new[] { laptop, devBox })
            (await session.Workspace.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);

        var saved = await laptop.Client.ResultAsync("checkpoint/save", new { name = "travel", stage = "s", context = "work" });
        var id = saved.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var remotes = await laptop.Client.ResultAsync("checkpoint/remotes", new { });
        Assert.AreEqual("origin", remotes.GetProperty("remotes")[0].GetProperty("name").GetString());

        var pushed = await laptop.Client.ResultAsync("checkpoint/push", new { id, workDoneToken = "push-1" });
        Assert.IsTrue(pushed.GetProperty("ok").GetBoolean());
        Assert.AreEqual("pushed", pushed.GetProperty("checkpoints")[0].GetProperty("outcome").GetString());

        var listed = await devBox.Client.ResultAsync("checkpoint/remoteCheckpoints", new { remote = "origin" });
        var only = listed.GetProperty("checkpoints").EnumerateArray().Single();
        Assert.AreEqual(id, only.GetProperty("id").GetString());
        Assert.IsFalse(only.GetProperty("local").GetBoolean(), "Not pulled yet: remote only.");

        var before = devBox.Client.Received.Count;
        var pulled = await devBox.Client.ResultAsync("checkpoint/pull", new { id });
        Assert.AreEqual("pulled", pulled.GetProperty("checkpoints")[0].GetProperty("outcome").GetString());
        await devBox.Client.WaitForNotificationAsync("checkpoint/changed", p => p.TryGetProperty("ids", out var ids) && ids.EnumerateArray().Any(e => e.GetString() == id), since: before);
        var content = await devBox.Client.ResultAsync("checkpoint/fileContent", new { name = "travel", latest = true, path = "work/a.md" });
        Assert.AreEqual("from the laptop\n", content.GetProperty("text").GetString());
        var after = await devBox.Client.ResultAsync("checkpoint/remoteCheckpoints", new { });
        Assert.IsTrue(after.GetProperty("checkpoints")[0].GetProperty("local").GetBoolean());
    }

    [TestMethod]
    public async Task Push_with_withNotes_carries_the_linking_day_note_and_pull_writes_it_in_the_other_workspace()
    {
        var remote = GitFixture.BareRemote(Path.Combine(Path.GetTempPath(), "checkpoint-lsp-remote", Guid.NewGuid().ToString("N")[..12]));
        await using var laptop = await CheckpointServerSession.StartAsync(workspace => workspace.Write("work/a.md", "from the laptop\n"));
        await using var devBox = await CheckpointServerSession.StartAsync();
        foreach (var session in new[] { laptop, devBox })
            (await session.Workspace.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var saved = await laptop.Client.ResultAsync("checkpoint/save", new { name = "travel", stage = "s", context = "work" });
        var id = saved.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var note = $"# 2026-12-01\n\n## SURVIVAL 10:00 — Context: 96%\n**TASK:** t\n**NEXT:** n\n**BLOCKED:** none\n**Snapshot:** {id}\n";
        laptop.Workspace.Write("memory/episodic/2026-12-01.md", note);

        var pushed = await laptop.Client.ResultAsync("checkpoint/push", new { id, withNotes = true });
        Assert.AreEqual("sent", pushed.GetProperty("checkpoints")[0].GetProperty("notes")[0].GetProperty("outcome").GetString());
        var pulled = await devBox.Client.ResultAsync("checkpoint/pull", new { id });
        Assert.AreEqual("written", pulled.GetProperty("checkpoints")[0].GetProperty("notes")[0].GetProperty("outcome").GetString());
        Assert.AreEqual(note, devBox.Workspace.Read("memory/episodic/2026-12-01.md"));
    }

    [TestMethod]
    public async Task Pull_without_a_remote_is_an_invalid_argument_that_says_how_to_add_one()
    {
        await using var session = await CheckpointServerSession.StartAsync();
        var response = await session.Client.RequestAsync("checkpoint/pull", new { });
        var error = response.GetProperty("error");
        Assert.AreEqual("invalidArgument", error.GetProperty("data").GetProperty("kind").GetString());
        StringAssert.Contains(error.GetProperty("message").GetString(), "checkpoint remote add");
    }
}
