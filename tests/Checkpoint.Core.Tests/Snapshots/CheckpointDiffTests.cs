using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// Diff of two checkpoints. With the files left to the trees (a low inline limit) the two root trees are walked and a folder
/// with the same tree hash in both is skipped; every case is also checked against the plain comparison of the two full file
/// lists (<see cref="Oracle"/>, from show) and, where the checkpoints list their files inline, against that path's answer.
/// </summary>
[TestClass]
[OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
[UnsupportedOSPlatform("windows")]
public sealed class CheckpointDiffTests
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode755 = Mode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly string[] Tree =
    [
        "a/b/c/d/deep.md", "a/b/c/d/other.md", "a/b/c/sibling.md", "a/b/e/f/same.md", "a/b/e/g.md", "a/x.md",
        "docs/guide.md", "docs/api/x.md", "docsx.md", "top.md", "x", "gone/one.md", "gone/sub/two.md",
    ];

    private static TempWorkspace Workspace(int inlineFileLimit)
    {
        TempWorkspace ws = new(inlineFileLimit: inlineFileLimit);
        foreach (string path in Tree)
        {
            ws.Write(path, $"content of {path}\n");
        }
        ws.Write("link-target.md", "the target\n");
        File.CreateSymbolicLink(ws.PathOf("link"), "link-target.md");
        File.WriteAllText(ws.PathOf("was-file-now-link"), "link-target.md");
        File.SetUnixFileMode(ws.PathOf("top.md"), Mode644);
        return ws;
    }

    private static async Task<string> Save(TempWorkspace ws, string stage) =>
        (await ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = stage })).Checkpoint.Id;

    private static void Edit(TempWorkspace ws)
    {
        ws.Write("a/b/c/d/deep.md", "changed deep down\n");              // deep change; a/b/e/ and a/b/c/d's sibling stay identical
        File.Delete(ws.PathOf("x"));                                      // a file replaced by a folder of the same name
        ws.Write("x/inside.md", "now a folder\n");
        File.Delete(ws.PathOf("link"));                                   // a link that points elsewhere
        File.CreateSymbolicLink(ws.PathOf("link"), "top.md");
        File.Delete(ws.PathOf("was-file-now-link"));                      // same bytes (the target text), now a link
        File.CreateSymbolicLink(ws.PathOf("was-file-now-link"), "link-target.md");
        File.SetUnixFileMode(ws.PathOf("top.md"), Mode755);               // mode only
        Directory.Delete(ws.PathOf("gone"), recursive: true);             // a whole folder removed
        ws.Write("new/sub/added.md", "new\n");                            // a whole folder added
        ws.Write("docs/api/y.md", "added beside x.md\n");
    }

    /// <summary>The two full lists compared path by path: what any correct diff of the two must say.</summary>
    private static (List<string> Added, List<string> Removed, List<string> Changed, long Unchanged) Oracle(TempWorkspace ws, string from, string to)
    {
        Dictionary<string, CheckpointFile> before = ws.Engine.Show(CheckpointRef.FromId(from)).Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Dictionary<string, CheckpointFile> after = ws.Engine.Show(CheckpointRef.FromId(to)).Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        List<string> added = [.. after.Keys.Where(p => !before.ContainsKey(p)).Order(StringComparer.Ordinal)];
        List<string> removed = [.. before.Keys.Where(p => !after.ContainsKey(p)).Order(StringComparer.Ordinal)];
        List<string> changed = [.. before.Keys.Where(p => after.TryGetValue(p, out CheckpointFile? other) &&
            (other.Hash != before[p].Hash || other.Kind != before[p].Kind || other.Mode != before[p].Mode)).Order(StringComparer.Ordinal)];
        return (added, removed, changed, before.Count - removed.Count - changed.Count);
    }

    private static void AssertExpected(DiffResult diff, string from, string to)
    {
        Assert.AreEqual(from, diff.Id);
        Assert.AreEqual(to, diff.To);
        CollectionAssert.AreEqual(new[] { "docs/api/y.md", "new/sub/added.md", "x/inside.md" }, diff.Added.ToArray());
        CollectionAssert.AreEqual(new[] { "gone/one.md", "gone/sub/two.md", "x" }, diff.Removed.ToArray());
        CollectionAssert.AreEqual(new[] { "a/b/c/d/deep.md", "link", "top.md", "was-file-now-link" }, diff.Changed.ToArray());
        Assert.AreEqual(new ModeChange("top.md", "0644", "0755"), diff.ModeChanges.Single());
        // 13 tree files + link-target.md + link + was-file-now-link = 16; 3 removed, 4 changed.
        Assert.AreEqual(9, diff.Unchanged);
    }

    [TestMethod]
    public async Task Walking_the_trees_gives_the_full_lists_answer_for_deep_changes_a_file_become_folder_links_and_modes()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 1);
        string from = await Save(ws, "one");
        Edit(ws);
        string to = await Save(ws, "two");

        DiffResult diff = await ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(from), CheckpointRef.FromId(to));

        AssertExpected(diff, from, to);
        var oracle = Oracle(ws, from, to);
        CollectionAssert.AreEqual(oracle.Added, diff.Added.ToList());
        CollectionAssert.AreEqual(oracle.Removed, diff.Removed.ToList());
        CollectionAssert.AreEqual(oracle.Changed, diff.Changed.ToList());
        Assert.AreEqual(oracle.Unchanged, diff.Unchanged);
    }

    [TestMethod]
    public async Task The_reverse_diff_swaps_added_and_removed_and_the_modes()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 1);
        string from = await Save(ws, "one");
        Edit(ws);
        string to = await Save(ws, "two");

        DiffResult diff = await ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(to), CheckpointRef.FromId(from));

        CollectionAssert.AreEqual(new[] { "gone/one.md", "gone/sub/two.md", "x" }, diff.Added.ToArray());
        CollectionAssert.AreEqual(new[] { "docs/api/y.md", "new/sub/added.md", "x/inside.md" }, diff.Removed.ToArray());
        CollectionAssert.AreEqual(new[] { "a/b/c/d/deep.md", "link", "top.md", "was-file-now-link" }, diff.Changed.ToArray());
        Assert.AreEqual(new ModeChange("top.md", "0755", "0644"), diff.ModeChanges.Single());
        Assert.AreEqual(9, diff.Unchanged);
    }

    [TestMethod]
    public async Task Checkpoints_that_list_their_files_inline_give_the_same_answer()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 2000);
        string from = await Save(ws, "one");
        Edit(ws);
        string to = await Save(ws, "two");

        DiffResult diff = await ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(from), CheckpointRef.FromId(to));

        AssertExpected(diff, from, to);
    }

    [TestMethod]
    public async Task A_checkpoint_against_itself_has_no_differences_and_reads_no_tree()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 1);
        string id = await Save(ws, "one");
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "tree-*.idx"))
        {
            File.Delete(index);
        }

        DiffResult diff = await ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(id), CheckpointRef.FromId(id));

        Assert.AreEqual(0, diff.Added.Count + diff.Removed.Count + diff.Changed.Count);
        Assert.AreEqual(16, diff.Unchanged);
    }

    [TestMethod]
    public async Task A_damaged_tree_of_an_unchanged_folder_is_skipped_unread_and_one_of_a_changed_folder_is_an_integrity_error_naming_it()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 1);
        string from = await Save(ws, "one");
        Edit(ws);
        string to = await Save(ws, "two");
        ForgedCheckpoint.DamageTree(ws, to, "a/b/e/");       // shared by both checkpoints: equal hashes, never read

        DiffResult diff = await ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(from), CheckpointRef.FromId(to));
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(CheckpointRef.FromId(to)));

        AssertExpected(diff, from, to);
        Assert.AreEqual(new DamagedFile("a/b/e/", "mismatch"), show.Damaged!.Single(), "the tree is damaged: only the diff never read it");

        ForgedCheckpoint.DamageTree(ws, to, "a/b/c/d/");     // changed between the two: it must be read
        CheckpointException changed = await Assert.ThrowsExactlyAsync<CheckpointException>(
            () => ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(from), CheckpointRef.FromId(to)));

        Assert.AreEqual(ErrorKind.Integrity, changed.Kind);
        StringAssert.Contains(changed.Message, "a/b/c/d/");
        Assert.AreEqual(new DamagedFile("a/b/c/d/", "mismatch"), changed.Damaged!.Single());
    }

    [TestMethod]
    public async Task A_damaged_tree_is_an_integrity_error_for_the_working_tree_diff_and_list_still_lists_the_checkpoint()
    {
        using TempWorkspace ws = Workspace(inlineFileLimit: 1);
        string id = await Save(ws, "one");
        ForgedCheckpoint.DamageTree(ws, id, "docs/api/");

        CheckpointException diff = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.DiffAsync(CheckpointRef.FromId(id)));
        ListResult list = ws.Engine.List();
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(CheckpointRef.FromId(id)));

        Assert.AreEqual(ErrorKind.Integrity, diff.Kind);
        Assert.AreEqual(new DamagedFile("docs/api/", "mismatch"), diff.Damaged!.Single());
        Assert.AreEqual(id, list.Checkpoints.Single().Id, "list reads the header only");
        Assert.AreEqual(16, list.Checkpoints.Single().TotalFiles);
        Assert.AreEqual(0, list.Unreadable.Count);
        Assert.AreEqual(ErrorKind.Integrity, show.Kind);
        Assert.AreEqual(new DamagedFile("docs/api/", "mismatch"), show.Damaged!.Single());
    }

    [TestMethod]
    public async Task A_forged_tree_holding_a_file_and_a_folder_of_one_name_is_refused()
    {
        using TempWorkspace ws = new(inlineFileLimit: 1);
        ws.Write("a/one.md", "1\n");
        string from = await Save(ws, "one");
        ws.Write("a/two.md", "2\n");
        string to = await Save(ws, "two");
        // Forge `to` as a forger would: a file "a" beside the folder "a/" (CheckpointTrees.Build keeps both keys).
        Manifest original = new StoredCheckpoint(to, "work", to["work_".Length..], Path.Combine(ws.Store, to)).ReadManifest();
        List<ManifestFile> clashing = [original.Files[0] with { Path = "a" }, .. original.Files];
        StoreLayout layout = new(ws.Store);
        string forgedRoot;
        using (PackWriter pack = new(layout, TreeStore.PackPrefix))
        {
            forgedRoot = CheckpointTrees.Build(clashing, new TreeStore(layout), pack).Root;
            pack.Commit();
        }
        SetRoot(ws, to, forgedRoot);

        CheckpointException refused = await Assert.ThrowsExactlyAsync<CheckpointException>(
            () => ws.Engine.DiffCheckpointsAsync(CheckpointRef.FromId(from), CheckpointRef.FromId(to)));

        Assert.AreEqual(ErrorKind.Integrity, refused.Kind);
        StringAssert.Contains(refused.Message, "'a' is a file and also a folder");
    }

    private static string ManifestPath(TempWorkspace ws, string id) => Path.Combine(ws.Store, id, "checkpoint.json");

    private static void SetRoot(TempWorkspace ws, string id, string root)
    {
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(ManifestPath(ws, id)))!.AsObject();
        manifest["tree"] = "sha256:" + root;
        File.WriteAllText(ManifestPath(ws, id), manifest.ToJsonString());
    }
}
