using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A mirror restore deletes what its walk of the saved scope finds: every folder the walk passes through must
/// resolve inside the target, exactly as the folders of the files it writes do.
/// </summary>
[TestClass]
public sealed class MirrorEscapeTests
{
    /// <summary>Saves the scope <paramref name="scopeFolder"/> (empty at the time, so no saved file's folder is checked) and a.md, then swaps <paramref name="linked"/> for a link to a folder outside the workspace that holds someone's files at the same relative place.</summary>
    private static async Task<(TempWorkspace Ws, TempWorkspace Outside)> SavedThenLinked(string scopeFolder, string linked)
    {
        TempWorkspace ws = new();
        TempWorkspace outside = new();
        ws.Write("a.md", "alpha");
        Directory.CreateDirectory(ws.PathOf(scopeFolder));
        await ws.Engine.SaveAsync(new SaveRequest { Name = "scoped", Stage = "x", Context = ws.PathOf(scopeFolder), Files = [ws.PathOf("a.md")] });
        string inScope = Path.GetRelativePath(linked, scopeFolder);
        outside.Write($"{inScope}/victim.md", "someone else's work");
        Directory.Delete(ws.PathOf(linked), recursive: true);
        Directory.CreateSymbolicLink(ws.PathOf(linked), outside.Root);
        return (ws, outside);
    }

    [TestMethod]
    [DataRow("data/sub", "data")]
    [DataRow("data/sub/deep", "data")] // the link one level higher than the scope's parent
    [DataRow("data/sub/deep", "data/sub")]
    public async Task Mirror_into_the_root_refuses_when_a_folder_of_the_scope_became_a_link_outside(string scope, string linked)
    {
        (TempWorkspace ws, TempWorkspace outside) = await SavedThenLinked(scope, linked);
        using TempWorkspace owned = ws, ownedOutside = outside;
        var outsideBefore = outside.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("scoped", Latest: true), Mirror = true }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, "symbolic link");
        StringAssert.Contains(e.Message, "nothing was written");
        CollectionAssert.AreEqual(outsideBefore, outside.Fingerprint(), "nothing outside deleted or written");
        Assert.AreEqual(1, ws.Engine.List().Checkpoints.Count, "no safety checkpoint of files outside the workspace");
    }

    [TestMethod]
    public async Task Mirror_into_a_target_refuses_when_a_folder_of_the_scope_is_a_link_outside()
    {
        TempWorkspace ws = new();
        using TempWorkspace owned = ws;
        string target = ws.PathOf("restored");
        using TempWorkspace outside = await SavedThenLinkedInto(ws, target);
        var outsideBefore = outside.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("scoped", Latest: true), Target = target, Mirror = true }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        CollectionAssert.AreEqual(outsideBefore, outside.Fingerprint());
    }

    /// <summary>Saves the scope data/sub of <paramref name="ws"/>; <paramref name="target"/> gets data as a link to a folder outside with files in sub/.</summary>
    private static async Task<TempWorkspace> SavedThenLinkedInto(TempWorkspace ws, string target)
    {
        TempWorkspace outside = new();
        ws.Write("a.md", "alpha");
        Directory.CreateDirectory(ws.PathOf("data/sub"));
        await ws.Engine.SaveAsync(new SaveRequest { Name = "scoped", Stage = "x", Context = ws.PathOf("data/sub"), Files = [ws.PathOf("a.md")] });
        outside.Write("sub/victim.md", "someone else's work");
        Directory.CreateDirectory(target);
        Directory.CreateSymbolicLink(Path.Combine(target, "data"), outside.Root);
        return outside;
    }

    [TestMethod]
    [DataRow("escape/inner")]
    [DataRow("escape/inner/*.md")] // a glob's literal folder
    [DataRow("escape/inner/**/*.md")]
    public async Task A_forged_scope_through_an_existing_link_outside_is_refused(string forgedEntry)
    {
        TempWorkspace ws = new();
        using TempWorkspace owned = ws;
        using TempWorkspace outside = new();
        ws.Write("a.md", "alpha");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "forged", Stage = "x", Files = [ws.PathOf("a.md")] });
        outside.Write("inner/victim.md", "someone else's work");
        Directory.CreateSymbolicLink(ws.PathOf("escape"), outside.Root);
        string manifestPath = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["scope"] = new JsonArray("a.md", forgedEntry);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var outsideBefore = outside.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("forged", Latest: true), Mirror = true }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        CollectionAssert.AreEqual(outsideBefore, outside.Fingerprint());
    }

    [TestMethod]
    public async Task A_scope_folder_linked_inside_the_target_is_still_mirrored()
    {
        TempWorkspace ws = new();
        using TempWorkspace owned = ws;
        ws.Write("data/sub/kept.md", "saved");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "scoped", Stage = "x", Context = ws.PathOf("data/sub") });
        Directory.Move(ws.PathOf("data"), ws.PathOf("real-data"));
        Directory.CreateSymbolicLink(ws.PathOf("data"), ws.PathOf("real-data"));
        ws.Write("real-data/sub/extra.md", "not in the checkpoint");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("scoped", Latest: true), Mirror = true });

        CollectionAssert.AreEqual(new[] { "data/sub/extra.md" }, result.Deleted.ToList());
        Assert.IsFalse(ws.Exists("real-data/sub/extra.md"));
        Assert.AreEqual("saved", ws.Read("real-data/sub/kept.md"));
    }
}
