
namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A restore of some paths of a checkpoint that leaves its files to the trees reads only the trees on the way to them and
/// those below them: a damaged tree elsewhere does not stop it, while a full restore (which reads them all) is refused.
/// </summary>
[TestClass]
public sealed class ScopedRestoreTests
{
    private static readonly string[] Paths =
        ["a.md", "docs/api/x.md", "docs/api/deep/y.md", "docs/guide.md", "docsx.md", "docs-old/z.md", "src/main.c", "src/lib/util.c"];

    private static async Task<(TempWorkspace Ws, string Id)> Saved(int inlineFileLimit = 1)
    {
        TempWorkspace ws = new(inlineFileLimit: inlineFileLimit);
        foreach (string path in Paths)
        {
            ws.Write(path, $"content of {path}\n");
        }
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = "s" });
        return (ws, saved.Checkpoint.Id);
    }

    private static List<string> FilesUnder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static Task<ResumeResult> Restore(TempWorkspace ws, string id, string target, params string[]? paths) =>
        ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = CheckpointRef.FromId(id), Target = target, Paths = paths });

    [TestMethod]
    public async Task Restoring_some_paths_succeeds_past_a_damaged_unrelated_tree_while_the_full_restore_reports_it()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace _ = ws;
        ForgedCheckpoint.DamageTree(ws, id, "src/lib/");
        string some = Path.Combine(ws.Root, "some"), all = Path.Combine(ws.Root, "all");

        ResumeResult result = await Restore(ws, id, some, "docs", "a.md");
        CheckpointException full = await Assert.ThrowsExactlyAsync<CheckpointException>(() => Restore(ws, id, all, null));
        CheckpointException onTheWay = await Assert.ThrowsExactlyAsync<CheckpointException>(() => Restore(ws, id, all, "src/lib/util.c"));

        Assert.IsTrue(result.Verified);
        CollectionAssert.AreEqual(new[] { "a.md", "docs/api/deep/y.md", "docs/api/x.md", "docs/guide.md" }, FilesUnder(some));
        Assert.AreEqual("content of docs/api/deep/y.md\n", File.ReadAllText(Path.Combine(some, "docs/api/deep/y.md")));
        Assert.AreEqual(ErrorKind.Integrity, full.Kind);
        Assert.AreEqual(new DamagedFile("src/lib/", "mismatch"), full.Damaged!.Single());
        Assert.IsFalse(Directory.Exists(all), "nothing written");
        Assert.AreEqual(ErrorKind.Integrity, onTheWay.Kind, "the damaged tree is on the way to the wanted file");
        Assert.AreEqual(new DamagedFile("src/lib/", "mismatch"), onTheWay.Damaged!.Single());
    }

    [TestMethod]
    public async Task A_damaged_tree_below_a_wanted_folder_is_an_integrity_error_naming_it()
    {
        (TempWorkspace ws, string id) = await Saved();
        using TempWorkspace _ = ws;
        ForgedCheckpoint.DamageTree(ws, id, "docs/api/deep/");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => Restore(ws, id, Path.Combine(ws.Root, "t"), "docs"));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, "docs/api/deep/");
        Assert.AreEqual(new DamagedFile("docs/api/deep/", "mismatch"), e.Damaged!.Single());
    }

    [TestMethod]
    public async Task The_trees_select_exactly_what_the_full_list_selects()
    {
        string[][] selections =
        [
            ["docs"], ["docs/"], ["docs/api"], ["docs/api/x.md"], ["docsx.md"], ["docs-old"], ["src", "src/lib"], ["src/lib/util.c", "a.md"],
        ];
        (TempWorkspace trees, string treeId) = await Saved(inlineFileLimit: 1);
        (TempWorkspace inline, string inlineId) = await Saved(inlineFileLimit: 2000);
        using TempWorkspace t = trees, i = inline;
        foreach (string[] selection in selections)
        {
            string name = string.Join("+", selection).Replace('/', '_');
            ResumeResult fromTrees = await Restore(trees, treeId, Path.Combine(trees.Root, "out-" + name), selection);
            ResumeResult fromList = await Restore(inline, inlineId, Path.Combine(inline.Root, "out-" + name), selection);

            CollectionAssert.AreEqual(fromList.Created.ToList(), fromTrees.Created.ToList(), string.Join(", ", selection));
            CollectionAssert.AreEqual(FilesUnder(Path.Combine(inline.Root, "out-" + name)), FilesUnder(Path.Combine(trees.Root, "out-" + name)));
        }
        CollectionAssert.AreEqual(new[] { "docs/api/deep/y.md", "docs/api/x.md", "docs/guide.md" },
            FilesUnder(Path.Combine(trees.Root, "out-docs")), "docs selects neither docsx.md nor docs-old/");
    }

    [TestMethod]
    public async Task A_path_that_selects_nothing_names_the_same_files_as_before()
    {
        (TempWorkspace trees, string treeId) = await Saved(inlineFileLimit: 1);
        (TempWorkspace inline, string inlineId) = await Saved(inlineFileLimit: 2000);
        using TempWorkspace t = trees, i = inline;

        CheckpointException fromTrees = await Assert.ThrowsExactlyAsync<CheckpointException>(() => Restore(trees, treeId, Path.Combine(trees.Root, "x"), "doc", "a.md"));
        CheckpointException fromList = await Assert.ThrowsExactlyAsync<CheckpointException>(() => Restore(inline, inlineId, Path.Combine(inline.Root, "x"), "doc", "a.md"));

        Assert.AreEqual(ErrorKind.InvalidArgument, fromTrees.Kind);
        Assert.AreEqual(fromList.Message.Replace(inlineId, "ID"), fromTrees.Message.Replace(treeId, "ID"));
        StringAssert.Contains(fromTrees.Message, "has no file at or below: doc. It has 8 file(s), e.g. a.md, docs-old/z.md, docs/api/deep/y.md, docs/api/x.md, docs/guide.md.");
        CollectionAssert.AreEqual(fromList.Available!.ToList(), fromTrees.Available!.ToList());
    }
}
