using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// No save can record a file <c>a</c> beside a file <c>a/b</c> (a path is a file or a folder, never both), so a
/// checkpoint.json that does is forged or damaged: resume and verify refuse it up front, naming both paths, and
/// nothing is written.
/// </summary>
[TestClass]
public sealed class FileAndFolderOfOneNameTests
{
    private static readonly CheckpointRef Latest = new("clash", Latest: true);

    /// <summary>Saves x.md and y/z.md, then renames them in checkpoint.json (the trees dropped: format 1, files inline).</summary>
    private static async Task<TempWorkspace> Forged(string first, string second)
    {
        TempWorkspace ws = new();
        ws.Write("x.md", "first");
        ws.Write("y/z.md", "second");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "clash", Stage = "s" });
        ForgedCheckpoint.RewritePaths(ws, saved.Checkpoint.Id, path => path == "x.md" ? first : second);
        string manifestPath = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest.Remove("tree");
        manifest["format_version"] = 1;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.Delete(ws.PathOf("x.md"));
        Directory.Delete(ws.PathOf("y"), recursive: true);
        return ws;
    }

    [TestMethod]
    [DataRow("a", "a/b", null)]
    [DataRow("a", "a/b/c", null)]
    [DataRow("a/b", "a", "restored")]
    [DataRow("docs", "docs/guide.md", "restored")]
    public async Task Resume_refuses_a_file_that_is_also_the_folder_of_another_and_writes_nothing(string first, string second, string? into)
    {
        using TempWorkspace ws = await Forged(first, second);
        string? target = into is null ? null : ws.PathOf(into);
        var before = ws.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        string file = first.Length < second.Length ? first : second;
        string below = first.Length < second.Length ? second : first;
        StringAssert.Contains(e.Message, $"'{file}'");
        StringAssert.Contains(e.Message, $"'{below}'");
        StringAssert.Contains(e.Message, "nothing was written");
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "nothing written, not even a folder");
        Assert.AreEqual(1, ws.Engine.List().Checkpoints.Count, "no safety checkpoint either");
    }

    [TestMethod]
    [DataRow("a", "a/")]
    [DataRow("a", "a/./b")]
    [DataRow("a", "a//b")]
    [DataRow("a", "a/../a/b")]
    public async Task Spellings_of_the_same_folder_are_refused_as_unsafe_paths(string first, string second)
    {
        using TempWorkspace ws = await Forged(first, second);
        var before = ws.Fingerprint();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, $"'{second}'");
        CollectionAssert.AreEqual(before, ws.Fingerprint());
    }

    [TestMethod]
    public async Task Verify_names_both_paths_of_a_file_that_is_also_a_folder()
    {
        using TempWorkspace ws = await Forged("a", "a/b");

        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.IsFalse(verify.Ok);
        CollectionAssert.AreEquivalent(new[] { new DamagedFile("a", "unreadable"), new DamagedFile("a/b", "unreadable") },
            verify.Checkpoints.Single().Damaged.ToArray());
    }

    [TestMethod]
    public async Task Verify_and_resume_refuse_trees_that_hold_a_file_and_a_folder_of_one_name()
    {
        using TempWorkspace ws = new(inlineFileLimit: 1);
        ws.Write("x.md", "first");
        ws.Write("y/z.md", "second");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "clash", Stage = "s" });
        // Trees built as a forger would: a file "a" and a folder "a/" holding "b", the contents those of x.md and y/z.md.
        Manifest original = new StoredCheckpoint(saved.Checkpoint.Id, "clash", saved.Checkpoint.Timestamp, Path.Combine(ws.Store, saved.Checkpoint.Id)).ReadManifest();
        List<ManifestFile> clashing = [original.Files[0] with { Path = "a" }, original.Files[1] with { Path = "a/b" }];
        StoreLayout layout = new(ws.Store);
        string root;
        using (PackWriter pack = new(layout, TreeStore.PackPrefix))
        {
            root = CheckpointTrees.Build(clashing, new TreeStore(layout), pack).Root;
            pack.Commit();
        }
        string manifestPath = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["tree"] = "sha256:" + root;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.Delete(ws.PathOf("x.md"));
        Directory.Delete(ws.PathOf("y"), recursive: true);
        var before = ws.Fingerprint();

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest }));

        CollectionAssert.AreEquivalent(new[] { new DamagedFile("a", "unreadable"), new DamagedFile("a/b", "unreadable") },
            verify.Checkpoints.Single().Damaged.ToArray());
        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, "'a'");
        StringAssert.Contains(e.Message, "'a/b'");
        CollectionAssert.AreEqual(before, ws.Fingerprint());
    }

    [TestMethod]
    public async Task Under_windows_name_rules_A_beside_a_slash_b_is_a_real_checkpoint_and_restores_all_but_A()
    {
        using TempWorkspace ws = new();
        ws.Write("A", "a file named A");
        ws.Write("a/b.md", "a file in the folder a");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "clash", Stage = "s" });
        string target = ws.PathOf("restored");

        ResumeResult result = await new CheckpointEngine(ws.Root) { Names = NameRules.Windows }.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });
        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.IsTrue(verify.Ok, "letter case apart, nothing clashes: Linux held both");
        CollectionAssert.AreEqual(new[] { "a/b.md" }, result.Created.ToArray());
        StringAssert.Contains(result.Failed.Single(f => f.Path == "A").Reason, "the folder 'a' of other saved files");
        Assert.AreEqual("a file in the folder a", File.ReadAllText(Path.Combine(target, "a/b.md")));
    }
}
