using System.Collections.Concurrent;
using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Verify: every file of every selected checkpoint has its content in the store and that content hashes to
/// the manifest's SHA-256; for format 2, every folder tree is there and hashes to its name too (a damaged one is
/// reported as its folder, <c>docs/</c>). Objects shared by many checkpoints are hashed once, trees shared by many
/// checkpoints are walked once; hashing runs on every core. A Zstandard pack entry (v3 index) is proven by default by the
/// XxHash3 of its stored bytes, which the save wrote only after decoding the entry back to the content, plus its frame
/// header (content size, dictionary id) and its pack's dictionary; <c>deep</c> decodes and rehashes it instead.
/// </summary>
internal sealed class CheckpointVerifier(Workspace workspace)
{
    public VerifyResult Verify(string? name, string? timestamp, IProgress<OperationProgress>? progress, CancellationToken cancellationToken, bool deep = false)
    {
        List<StoredCheckpoint> selected = Select(name, timestamp);
        List<(StoredCheckpoint Checkpoint, Manifest? Manifest, List<DamagedFile> Damaged)> plans = [];
        // content identity → outcome; content shared by many checkpoints is hashed once.
        ConcurrentDictionary<string, string?> outcomes = new(StringComparer.Ordinal);
        Dictionary<string, (ContentLocation? Location, string Hash)> expected = new(StringComparer.Ordinal);
        TreeWalk trees = new(workspace.Trees, workspace.Objects, expected);
        foreach (StoredCheckpoint checkpoint in selected)
        {
            List<DamagedFile> damaged = [];
            Manifest? manifest = null;
            try
            {
                // Format 2 is checked through its trees; an inline list is only compared with them (below).
                manifest = checkpoint.ReadManifest(withFiles: false);
                if (manifest.Tree is null || manifest.FilesInline)
                {
                    manifest = checkpoint.ReadManifest();
                }
            }
            catch (UnreadableManifestException)
            {
                damaged.Add(new DamagedFile(StoreLayout.ManifestFileName, "unreadable"));
            }
            if (manifest?.Tree is { } root)
            {
                trees.Collect(root);
            }
            else if (manifest is not null)
            {
                foreach ((ManifestFile entry, string below) in ManifestPaths.FilesThatAreFolders(manifest.Files))
                {
                    damaged.Add(new DamagedFile(entry.Path, "unreadable"));
                    damaged.Add(new DamagedFile(below, "unreadable"));
                }
                foreach (ManifestFile file in manifest.Files)
                {
                    if (ManifestPaths.Problem(file.Path) is not null)
                    {
                        damaged.Add(new DamagedFile(file.Path, "unreadable"));
                        continue;
                    }
                    string identity = checkpoint.ContentIdentity(manifest, file);
                    if (!expected.ContainsKey(identity))
                    {
                        expected[identity] = (checkpoint.Locate(manifest, file, workspace.Objects), file.Hash);
                    }
                }
            }
            plans.Add((checkpoint, manifest, damaged));
        }

        long done = 0;
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.ForEach(expected, options, pair =>
        {
            outcomes[pair.Key] = Check(pair.Value.Location, pair.Value.Hash, deep);
            long now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 255) == 0)
            {
                progress.Report(new OperationProgress("verify", now, expected.Count));
            }
        });
        progress?.Report(new OperationProgress("verify", expected.Count, expected.Count));

        List<VerifiedCheckpoint> results = [];
        foreach ((StoredCheckpoint checkpoint, Manifest? manifest, List<DamagedFile> damaged) in plans)
        {
            long files = 0;
            if (manifest?.Tree is { } root)
            {
                files = trees.Report(root, outcomes, damaged);
                if (manifest.FilesInline && !InlineListMatchesTrees(checkpoint, manifest, root))
                {
                    damaged.Add(new DamagedFile(StoreLayout.ManifestFileName, "mismatch"));
                }
            }
            else if (manifest is not null)
            {
                files = manifest.Files.Count;
                foreach (ManifestFile file in manifest.Files)
                {
                    if (ManifestPaths.Problem(file.Path) is null &&
                        outcomes.TryGetValue(checkpoint.ContentIdentity(manifest, file), out string? problem) && problem is not null)
                    {
                        damaged.Add(new DamagedFile(file.Path, problem));
                    }
                }
            }
            results.Add(new VerifiedCheckpoint(checkpoint.Id, damaged.Count == 0, files, damaged));
        }
        return new VerifyResult(results.TrueForAll(r => r.Ok), results);
    }

    /// <summary>
    /// A format-2 checkpoint.json that lists its files inline must list exactly what its trees hold: seed tools and
    /// our restore read the inline list, so a difference is damage. A damaged tree is reported by the walk instead.
    /// </summary>
    private bool InlineListMatchesTrees(StoredCheckpoint checkpoint, Manifest manifest, string root)
    {
        List<ManifestFile> fromTrees;
        try
        {
            fromTrees = CheckpointTrees.ListFiles(workspace.Trees, root, checkpoint.ManifestPath);
        }
        catch (DamagedTreeException)
        {
            return true;
        }
        List<ManifestFile> inline = [.. manifest.Files];
        inline.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return inline.SequenceEqual(fromTrees);
    }

    /// <summary>
    /// Verify's walk of folder trees. Every distinct tree is read twice at most — once to collect the contents to hash,
    /// once to report — and a subtree found sound is not entered again for the next checkpoint that shares it.
    /// </summary>
    private sealed class TreeWalk(TreeStore trees, ObjectStore objects, Dictionary<string, (ContentLocation? Location, string Hash)> expected)
    {
        private readonly HashSet<string> _collected = new(StringComparer.Ordinal);
        // tree hash → files below it, for subtrees with nothing damaged.
        private readonly Dictionary<string, long> _sound = new(StringComparer.Ordinal);

        public void Collect(string tree)
        {
            if (!_collected.Add(tree) || trees.TryRead(tree, out _, out _) is not { } entries)
            {
                return;
            }
            foreach (TreeEntry entry in entries)
            {
                if (entry.Kind == TreeEntryKind.Folder)
                {
                    Collect(entry.Hash);
                }
                else if (!expected.ContainsKey(entry.Hash))
                {
                    expected[entry.Hash] = (objects.Locate(entry.Hash), entry.Hash);
                }
            }
        }

        /// <summary>Adds what is damaged under <paramref name="tree"/> (a damaged tree as its folder, <c>"docs/"</c>); returns how many files it holds.</summary>
        public long Report(string tree, ConcurrentDictionary<string, string?> outcomes, List<DamagedFile> damaged) =>
            Report(tree, "", outcomes, damaged);

        private long Report(string tree, string prefix, ConcurrentDictionary<string, string?> outcomes, List<DamagedFile> damaged)
        {
            if (_sound.TryGetValue(tree, out long known))
            {
                return known;
            }
            if (trees.TryRead(tree, out string problem, out _) is not { } entries)
            {
                damaged.Add(new DamagedFile(CheckpointTrees.FolderName(prefix), problem));
                return 0;
            }
            int before = damaged.Count;
            long files = 0;
            ReportFilesThatAreFolders(entries, prefix, damaged);
            foreach (TreeEntry entry in entries)
            {
                string path = prefix + entry.Name;
                if (entry.Kind == TreeEntryKind.Folder)
                {
                    files += Report(entry.Hash, path + "/", outcomes, damaged);
                    continue;
                }
                files++;
                if (ManifestPaths.Problem(path) is not null)
                {
                    damaged.Add(new DamagedFile(path, "unreadable"));
                }
                else if (outcomes.TryGetValue(entry.Hash, out string? outcome) && outcome is not null)
                {
                    damaged.Add(new DamagedFile(path, outcome));
                }
            }
            if (damaged.Count == before)
            {
                _sound[tree] = files;
            }
            return files;
        }

        /// <summary>
        /// A tree holding a file (or link) and a folder of one name (keys "a" and "a/" both sort in): no save writes one, and a
        /// restore would have to write a file where a folder is. Both are named, the folder by the first path below it.
        /// </summary>
        private void ReportFilesThatAreFolders(List<TreeEntry> entries, string prefix, List<DamagedFile> damaged)
        {
            HashSet<string>? names = null;
            foreach (TreeEntry entry in entries)
            {
                if (entry.Kind != TreeEntryKind.Folder)
                {
                    (names ??= new(StringComparer.Ordinal)).Add(entry.Name);
                }
            }
            foreach (TreeEntry entry in entries)
            {
                if (entry.Kind == TreeEntryKind.Folder && names is not null && names.Contains(entry.Name))
                {
                    damaged.Add(new DamagedFile(prefix + entry.Name, "unreadable"));
                    damaged.Add(new DamagedFile(FirstPathBelow(entry.Hash, prefix + entry.Name + "/"), "unreadable"));
                }
            }
        }

        private string FirstPathBelow(string tree, string prefix)
        {
            if (trees.TryRead(tree, out _, out _) is not [TreeEntry first, ..])
            {
                return prefix;
            }
            return first.Kind == TreeEntryKind.Folder ? FirstPathBelow(first.Hash, prefix + first.Name + "/") : prefix + first.Name;
        }
    }

    /// <summary>
    /// null when the content at <paramref name="location"/> hashes to <paramref name="hash"/> (or, unless
    /// <paramref name="deep"/>, when a checksummed compressed entry's stored bytes are the ones written), else the problem.
    /// </summary>
    public static string? Check(ContentLocation? location, string hash, bool deep = true)
    {
        if (location is not { } stored)
        {
            return "missing";
        }
        try
        {
            if (!deep && stored.HasChecksum && stored.Codec is ObjectCodec.Zstd or ObjectCodec.ZstdDictionary)
            {
                return ZstdEntryProblem(stored);
            }
            return ContentIngest.HashStored(stored) == hash ? null : "mismatch";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (InvalidDataException)
        {
            return "mismatch"; // a compressed object that no longer decodes: its bytes are not the saved content
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "unreadable"; // I/O errors, and any damage that defeats a reader in a way no check foresaw
        }
    }

    /// <summary>The default check of a Zstandard pack entry: its dictionary, its stored bytes' checksum, and a frame header that fits its index entry.</summary>
    private static string? ZstdEntryProblem(ContentLocation stored)
    {
        uint expectedDictionary = 0;
        if (stored.Codec == ObjectCodec.ZstdDictionary)
        {
            if (stored.Dictionary is not { } dictionary)
            {
                return "mismatch"; // the index says "with the pack's dictionary" of a pack that names none
            }
            if (dictionary.Problem() is { } problem)
            {
                return problem;
            }
            expectedDictionary = ZstdCompression.DictionaryId(dictionary.Bytes);
        }
        return StoredContent.ChecksummedEntryIsSound(stored, expectedDictionary) ? null : "mismatch";
    }

    private List<StoredCheckpoint> Select(string? name, string? timestamp)
    {
        if (name is null)
        {
            if (timestamp is not null)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, "A timestamp needs a name: verify --name N --timestamp TS.");
            }
            return workspace.Catalog.All();
        }
        if (timestamp is not null)
        {
            return [workspace.Catalog.Locate(new CheckpointRef(name, Timestamp: timestamp))];
        }
        // Locate gives the not-found error with the available names; then every checkpoint of the name.
        workspace.Catalog.Locate(new CheckpointRef(name, Latest: true));
        return workspace.Catalog.OfName(name);
    }
}
