namespace Checkpoint.Server.Tests.Lsp;

/// <summary>The extension's initializationOptions: <c>{ storePath?, notesPath? }</c>, relative to the workspace root.</summary>
[TestClass]
public sealed class WorkspaceOptionsTests
{
    [TestMethod]
    public async Task Initialization_options_move_the_store_and_the_notes_folder()
    {
        await using var session = await CheckpointServerSession.StartAsync(
            workspace => workspace.Write("a.txt", "a"),
            initializationOptions: new { storePath = "backups/checkpoints", notesPath = "journal" });
        session.Workspace.Write("journal/2026-02-16.md", "## SURVIVAL 16:45 — Context: 96%\n\n**TASK:** Search\n**NEXT:** Revert\n**BLOCKED:** No\n");
        session.Workspace.Write("memory/episodic/2026-02-16.md", "## SURVIVAL 16:45 — Context: 96%\n");

        var saved = await session.Client.ResultAsync("checkpoint/save", new { name = "elsewhere", stage = "s" });
        var inJournal = await session.Client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri = await session.OpenAsync("journal/2026-02-16.md") } });
        var inDefaultFolder = await session.Client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri = await session.OpenAsync("memory/episodic/2026-02-16.md") } });

        var id = saved.GetProperty("checkpoint").GetProperty("id").GetString()!;
        Assert.IsTrue(session.Workspace.Exists($"backups/checkpoints/{id}/checkpoint.json"));
        Assert.IsFalse(Directory.Exists(session.Workspace.Store));
        Assert.IsTrue(inJournal.GetArrayLength() > 0);
        Assert.AreEqual(0, inDefaultFolder.GetArrayLength());
    }
}
