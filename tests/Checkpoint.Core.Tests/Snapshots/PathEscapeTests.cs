using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class PathEscapeTests
{
    private static async Task<(TempWorkspace Ws, string Id)> Saved()
    {
        TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        ws.Write("docs/b.md", "beta");
        SaveResult result = await ws.Engine.SaveAsync(new SaveRequest { Name = "evil", Stage = "x" });
        return (ws, result.Checkpoint.Id);
    }

    [TestMethod]
    [DataRow("/tmp/ckpt-escape-absolute.md", true)]
    [DataRow("../ckpt-escape-parent.md", true)]
    [DataRow("docs/../../ckpt-escape-nested.md", true)]
    [DataRow("docs\\..\\..\\ckpt-escape-backslash.md", true)]
    [DataRow(".git/hooks/pre-commit", true)]
    [DataRow("memory/checkpoints/objects/aa/forged", false)] // only the root's copy of this path is the store
    public async Task A_manifest_path_that_escapes_is_refused_and_nothing_is_written(string forged, bool refusedInAnyTarget)
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;
        ForgedCheckpoint.RewritePaths(ws, id, path => path == "docs/b.md" ? forged : path);
        File.Delete(ws.PathOf("a.md"));
        var before = ws.Fingerprint();
        string target = ws.PathOf("target");

        foreach (string? into in refusedInAnyTarget ? new[] { null, target } : [null])
        {
            CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
                ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("evil", Latest: true), Target = into }));

            Assert.AreEqual(ErrorKind.Integrity, e.Kind);
            StringAssert.Contains(e.Message, "nothing was written");
        }
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "not even the safe file a.md was restored");
        Assert.IsFalse(Directory.Exists(target));
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetTempPath(), "ckpt-escape-absolute.md")));
        Assert.IsFalse(File.Exists(Path.Combine(ws.Root, "..", "ckpt-escape-parent.md")));
        Assert.AreEqual(1, ws.Engine.List().Checkpoints.Count, "no safety checkpoint either");
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow("docs/../..")]
    public async Task A_forged_scope_reaching_outside_the_target_is_refused_before_a_mirror_deletes_anything(string forgedScope)
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace owned = ws;
        string manifestPath = Path.Combine(ws.Store, id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["scope"] = new JsonArray(forgedScope);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        // The target sits two levels down, so even without the check the forged scope only reaches files of
        // this workspace ("sandbox/outside.md"), never the shared temp folder.
        string target = ws.PathOf("sandbox/target");
        Directory.CreateDirectory(Path.Combine(target, "docs"));
        ws.Write("sandbox/outside.md", "outside the target: a mirror must not touch it");
        var before = ws.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("evil", Latest: true), Target = target, Mirror = true }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, $"scope '{forgedScope}'");
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "nothing deleted or written");
    }

    [TestMethod]
    public async Task A_symbolic_link_in_the_target_pointing_outside_is_never_written_through()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        using TempWorkspace outside = new();
        string target = ws.PathOf("target");
        Directory.CreateDirectory(target);
        Directory.CreateSymbolicLink(Path.Combine(target, "docs"), outside.Root);

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("evil", Latest: true), Target = target }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, "symbolic link");
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside.Root));
        Assert.IsFalse(File.Exists(Path.Combine(target, "a.md")), "nothing at all was written");
    }

    [TestMethod]
    public async Task A_symbolic_link_inside_the_target_is_followed_only_within_it()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        string target = ws.PathOf("target");
        Directory.CreateDirectory(Path.Combine(target, "real-docs"));
        Directory.CreateSymbolicLink(Path.Combine(target, "docs"), Path.Combine(target, "real-docs"));

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("evil", Latest: true), Target = target });

        Assert.AreEqual(2, result.Created.Count);
        Assert.AreEqual("beta", File.ReadAllText(Path.Combine(target, "real-docs", "b.md")));
    }

    [TestMethod]
    public async Task A_file_that_is_a_symbolic_link_is_replaced_not_followed()
    {
        (TempWorkspace ws, _) = await Saved();
        using TempWorkspace owned = ws;
        using TempWorkspace outside = new();
        string victim = outside.Write("victim.md", "must survive");
        File.Delete(ws.PathOf("a.md"));
        File.CreateSymbolicLink(ws.PathOf("a.md"), victim);

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("evil", Latest: true) });

        CollectionAssert.Contains(result.Overwritten.ToList(), "a.md");
        Assert.AreEqual("must survive", File.ReadAllText(victim));
        Assert.AreEqual("alpha", ws.Read("a.md"));
        Assert.IsNull(new FileInfo(ws.PathOf("a.md")).LinkTarget);
    }
}
