using System.Buffers;
using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

/// <summary>Formats 2 and 3: folder trees shared between checkpoints, and checkpoint.json with or without the inline list.</summary>
[TestClass]
public sealed class FolderTreeTests
{
    private static readonly CheckpointRef Latest = new("module-05", Latest: true);
    private static readonly string[] Paths = ["a.md", "docs/api/x.md", "docs/guide.md", "docs/z.md", "src/main.c"];

    private static async Task<TempWorkspace> Saved(int? inlineFileLimit = null)
    {
        TempWorkspace ws = new(inlineFileLimit: inlineFileLimit);
        foreach (string path in Paths)
        {
            ws.Write(path, $"content of {path}\n");
        }
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        return ws;
    }

    private static JsonObject ManifestJson(TempWorkspace ws) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Store, ws.Engine.List().Checkpoints[0].Id, "checkpoint.json")))!.AsObject();

    private static List<PackEntry> TreeEntries(TempWorkspace ws) =>
        [.. new TreeStore(new StoreLayout(ws.Store)).PackFiles().SelectMany(p => PackIndex.Read(p.Index))];

    [TestMethod]
    public void A_tree_encodes_and_decodes_to_the_same_entries_and_rejects_damage()
    {
        string hash = new('a', 64);
        List<TreeEntry> entries =
        [
            new(TreeEntryKind.File, "a.md", 12, "2025-01-04T14:29:15", hash, 3),
            new(TreeEntryKind.Folder, "a", 40, "", hash, 9),
            new(TreeEntryKind.File, "é.txt", 1L << 40, "2025-01-04T14:29:15", hash, 0),
        ];
        ArrayBufferWriter<byte> bytes = new();
        FolderTree.Encode(entries, bytes);
        byte[] encoded = bytes.WrittenSpan.ToArray();

        CollectionAssert.AreEqual(entries, FolderTree.Decode(encoded));
        Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode([.. encoded, 0]));
        ArrayBufferWriter<byte> unordered = new();
        FolderTree.Encode([entries[1], entries[0]], unordered);
        Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode(unordered.WrittenSpan));
        ArrayBufferWriter<byte> badName = new();
        FolderTree.Encode([entries[0] with { Name = ".." }], badName);
        Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode(badName.WrittenSpan));
    }

    [TestMethod]
    public void A_CKPTTRE2_tree_carries_links_and_modes_and_refuses_what_only_a_forger_writes()
    {
        string hash = new('b', 64);
        List<TreeEntry> entries =
        [
            new(TreeEntryKind.Link, "latest", 13, "2025-01-04T14:29:15", hash, 0),
            new(TreeEntryKind.File, "run.sh", 20, "2025-01-04T14:29:15", hash, 2, FileModes.RegularFile | 0x1ED),
            new(TreeEntryKind.Folder, "src", 40, "", hash, 9),
            new(TreeEntryKind.File, "z.md", 1, "2025-01-04T14:29:15", hash, 1),
        ];
        ArrayBufferWriter<byte> bytes = new();
        FolderTree.Encode(entries, bytes);
        byte[] encoded = bytes.WrittenSpan.ToArray();

        CollectionAssert.AreEqual(entries, FolderTree.Decode(encoded));
        CollectionAssert.AreEqual("CKPTTRE2"u8.ToArray(), encoded[..8]);
        foreach (TreeEntry forged in new TreeEntry[]
        {
            entries[1] with { Mode = FileModes.RegularFile | 0x9ED }, // setuid 4755
            entries[1] with { Mode = 0x1ED },                         // permission bits without the file type
            entries[0] with { Mode = FileModes.RegularFile | 0x1ED }, // a link with a mode
            entries[2] with { Mode = FileModes.RegularFile | 0x1ED }, // a folder with a mode
        })
        {
            ArrayBufferWriter<byte> bad = new();
            FolderTree.Encode([forged], bad);
            Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode(bad.WrittenSpan), forged.ToString());
        }
    }

    [TestMethod]
    public void A_CKPTTRE1_tree_has_no_mode_field_and_no_links()
    {
        // Written by hand as format 2 wrote it: magic, count 1, kind, name, size, modified, hash, word count (no mode).
        byte[] file = [.. "CKPTTRE1"u8, 1, 1, 1, (byte)'a', 5, 0, .. new byte[32], 2];
        byte[] link = [.. file];
        link[9] = 3; // the kind byte, after the magic and the count

        TreeEntry decoded = FolderTree.Decode(file).Single();

        Assert.AreEqual(new TreeEntry(TreeEntryKind.File, "a", 5, "", new string('0', 64), 2, FileModes.NotRecorded), decoded);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode(link)).Message, "unknown entry kind 3", "links exist from CKPTTRE2 on");
        Assert.ThrowsExactly<InvalidDataException>(() => FolderTree.Decode([.. file, 0]), "a CKPTTRE1 entry ends at its word count");
    }

    [TestMethod]
    public async Task A_small_checkpoint_keeps_the_seed_inline_list_and_refers_to_its_root_tree()
    {
        using TempWorkspace ws = await Saved();

        JsonObject manifest = ManifestJson(ws);

        Assert.AreEqual(3, manifest["format_version"]!.GetValue<int>());
        StringAssert.StartsWith(manifest["tree"]!.GetValue<string>(), "sha256:");
        Assert.IsFalse(manifest.ContainsKey("files_omitted"));
        CollectionAssert.AreEqual(Paths, manifest["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToArray());
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public async Task A_checkpoint_over_the_inline_limit_leaves_its_files_to_the_trees_and_says_so()
    {
        using TempWorkspace ws = await Saved(inlineFileLimit: 3);
        string target = Path.Combine(ws.Root, "restored");

        JsonObject manifest = ManifestJson(ws);
        CheckpointDetail detail = ws.Engine.Show(Latest);
        FileContent one = ws.Engine.ReadFile(Latest, "docs/api/x.md");
        VerifyResult verify = await ws.Engine.VerifyAsync();
        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.IsFalse(manifest.ContainsKey("files"), "a seed tool must not read an empty list as the checkpoint");
        StringAssert.Contains(manifest["files_omitted"]!.GetValue<string>(), "5 files");
        Assert.AreEqual(5, manifest["metrics"]!["total_files"]!.GetValue<long>());
        CollectionAssert.AreEqual(Paths, detail.Files.Select(f => f.Path).ToArray());
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("content of src/main.c\n"), detail.Files[^1].Hash);
        Assert.AreEqual("content of docs/api/x.md\n", System.Text.Encoding.UTF8.GetString(one.Bytes));
        Assert.IsTrue(verify.Ok);
        Assert.AreEqual(5, verify.Checkpoints.Single().Files);
        foreach (string path in Paths)
        {
            Assert.AreEqual($"content of {path}\n", File.ReadAllText(Path.Combine(target, path)));
        }
    }

    [TestMethod]
    public async Task A_save_after_one_edit_writes_only_the_trees_on_its_path_and_a_no_change_save_writes_none()
    {
        using TempWorkspace ws = await Saved();
        int first = TreeEntries(ws).Count;

        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "same" });
        int afterNoChange = TreeEntries(ws).Count;
        int packsAfterNoChange = Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack")).Length;
        ws.Write("docs/api/x.md", "edited\n");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "edited" });
        int afterEdit = TreeEntries(ws).Count;

        Assert.AreEqual(4, first, "root, docs/, docs/api/, src/");
        Assert.AreEqual(first, afterNoChange);
        Assert.AreEqual(4, packsAfterNoChange, "one content pack and one tree pack (with indexes): the no-change save wrote none");
        Assert.AreEqual(first + 3, afterEdit, "root, docs/ and docs/api/ are new; src/ is shared");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public async Task A_damaged_tree_is_named_by_verify_and_is_an_integrity_error_for_show_read_and_resume()
    {
        using TempWorkspace ws = await Saved(inlineFileLimit: 3);
        string target = Path.Combine(ws.Root, "restored");
        ForgedCheckpoint.DamageTree(ws, ws.Engine.List().Checkpoints[0].Id, "docs/api/");

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(Latest));
        CheckpointException read = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(Latest, "docs/api/x.md"));
        CheckpointException resume = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target }));
        FileContent intact = ws.Engine.ReadFile(Latest, "src/main.c");
        PruneResult prune = ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(new DamagedFile("docs/api/", "mismatch"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(ErrorKind.Integrity, show.Kind);
        StringAssert.Contains(show.Message, "docs/api/");
        Assert.AreEqual(new DamagedFile("docs/api/", "mismatch"), show.Damaged!.Single());
        Assert.AreEqual(ErrorKind.Integrity, read.Kind);
        Assert.AreEqual(ErrorKind.Integrity, resume.Kind);
        Assert.IsFalse(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(), "nothing restored");
        Assert.AreEqual("content of src/main.c\n", System.Text.Encoding.UTF8.GetString(intact.Bytes), "the other folders' trees still read");
        Assert.AreEqual(0, prune.ObjectsRemoved, "with a tree unreadable nothing is known to be garbage");
    }

    [TestMethod]
    public async Task A_lost_tree_pack_makes_the_root_missing_and_prune_keeps_every_object()
    {
        using TempWorkspace ws = await Saved();
        int objects = ws.ObjectCount();
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "tree-*.idx"))
        {
            File.Delete(index);
        }

        VerifyResult verify = await ws.Engine.VerifyAsync();
        ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(new DamagedFile("/", "missing"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(objects, ws.ObjectCount());
    }

    [TestMethod]
    public async Task An_inline_list_that_disagrees_with_the_trees_is_damage()
    {
        using TempWorkspace ws = await Saved();
        string id = ws.Engine.List().Checkpoints[0].Id;
        string manifestPath = Path.Combine(ws.Store, id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["files"]!.AsArray().RemoveAt(0);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.AreEqual(new DamagedFile("checkpoint.json", "mismatch"), verify.Checkpoints.Single().Damaged.Single());
    }

    [TestMethod]
    public async Task Prune_collects_the_trees_no_remaining_checkpoint_reaches_and_keeps_shared_ones()
    {
        using TempWorkspace ws = await Saved(inlineFileLimit: 3);
        string first = ws.Engine.List().Checkpoints[0].Timestamp;
        ws.Write("docs/api/x.md", "edited\n");
        await Task.Delay(1100); // a second timestamp
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "edited" });
        ws.Engine.Delete("module-05", first);

        PruneResult pruned = ws.Engine.Prune(new PruneRequest());
        string target = Path.Combine(ws.Root, "restored");
        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.AreEqual(1, pruned.ObjectsRemoved, "the old x.md (file contents are what ObjectsRemoved counts)");
        Assert.AreEqual(4, TreeEntries(ws).Count, "the old root, docs/ and docs/api/ trees went; src/ is shared");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        Assert.AreEqual("edited\n", File.ReadAllText(Path.Combine(target, "docs/api/x.md")));
        Assert.AreEqual("content of src/main.c\n", File.ReadAllText(Path.Combine(target, "src/main.c")));
    }

    [TestMethod]
    public async Task A_checkpoint_of_a_newer_format_is_refused_as_unreadable_not_misread()
    {
        using TempWorkspace ws = await Saved();
        string id = ws.Engine.List().Checkpoints[0].Id;
        string manifestPath = Path.Combine(ws.Store, id, "checkpoint.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"format_version\": 3", "\"format_version\": 4"));

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(Latest));

        Assert.AreEqual(new DamagedFile("checkpoint.json", "unreadable"), verify.Checkpoints.Single().Damaged.Single());
        StringAssert.Contains(show.Message, "newer");
    }

    [TestMethod]
    public async Task Building_from_paths_encodes_every_tree_exactly_as_encoding_its_entries_does()
    {
        // Nested folders, a file and a folder of one name, a name that sorts between them, a link, a mode, non-ASCII,
        // a repeated path (the first is kept) and unsorted input.
        string h1 = new('1', 64), h2 = new('2', 64), h3 = new('3', 64);
        List<ManifestFile> files =
        [
            new("src/z.c", 5, "2025-01-04T14:29:15", h1, 1, FileModes.RegularFile | 0x1ED),
            new("a", 3, "2025-01-04T14:29:16", h2, 2),
            new("a/b/c.md", 7, "2025-01-04T14:29:17", h3, 3),
            new("a-b", 4, "2025-01-04T14:29:18", h1, 0),
            new("a/b/c.md", 99, "2025-01-04T14:29:19", h2, 99),
            new("a/link", 6, "2025-01-04T14:29:20", h2, 0, IsLink: true),
            new("é/ü.txt", 8, "2025-01-04T14:29:21", h3, 4),
            new("a/b.txt", 9, "2025-01-04T14:29:22", h1, 5),
        ];
        using TempWorkspace ws = await Saved();
        StoreLayout layout = new(ws.Store);
        TreeStore trees = new(layout);
        string root;
        int newTrees;
        using (PackWriter pack = new(layout, TreeStore.PackPrefix))
        {
            (root, newTrees) = CheckpointTrees.Build(files, trees, pack);
            trees.AddPacked(pack.Commit());
        }

        Dictionary<string, byte[]> expected = [];
        string expectedRoot = ReferenceTree([.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], "", expected).Hash;
        Assert.AreEqual(expectedRoot, root);
        Assert.AreEqual(expected.Count, newTrees);
        foreach ((string hash, byte[] bytes) in expected)
        {
            CollectionAssert.AreEqual(FolderTree.Decode(bytes), trees.TryRead(hash, out _, out _), hash);
        }
        ManifestFile[] listed = [.. CheckpointTrees.ListFiles(trees, root, "m")];
        CollectionAssert.AreEqual(new[] { "a", "a-b", "a/b.txt", "a/b/c.md", "a/link", "src/z.c", "é/ü.txt" }, listed.Select(f => f.Path).ToArray());
        Assert.AreEqual(7, listed.Single(f => f.Path == "a/b/c.md").Size);
    }

    // The trees as the entries they hold, encoded with FolderTree.Encode (the first of a repeated key kept).
    private static TreeEntry ReferenceTree(List<ManifestFile> files, string name, Dictionary<string, byte[]> encoded)
    {
        List<TreeEntry> entries = [];
        foreach (IGrouping<string, ManifestFile> group in files.GroupBy(f => f.Path.Contains('/') ? f.Path[..(f.Path.IndexOf('/') + 1)] : f.Path))
        {
            TreeEntry entry;
            if (group.Key.EndsWith('/'))
            {
                List<ManifestFile> below = [.. group.Select(f => f with { Path = f.Path[group.Key.Length..] })];
                entry = ReferenceTree(below, group.Key[..^1], encoded);
            }
            else
            {
                ManifestFile f = group.First();
                entry = new(f.IsLink ? TreeEntryKind.Link : TreeEntryKind.File, f.Path, f.Size, f.Modified, f.Hash, f.WordCount, f.IsLink ? 0 : f.Mode);
            }
            entries.Add(entry);
        }
        entries.Sort((a, b) => FolderTree.Compare(a, b));
        ArrayBufferWriter<byte> bytes = new();
        FolderTree.Encode(entries, bytes);
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.WrittenSpan));
        encoded[hash] = bytes.WrittenSpan.ToArray();
        return new TreeEntry(TreeEntryKind.Folder, name, entries.Sum(e => e.Size), "", hash, entries.Sum(e => e.WordCount));
    }
}
