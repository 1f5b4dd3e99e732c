using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Diff of two checkpoints: what changed going from <c>from</c> to <c>to</c>. Added = only in <c>to</c>, removed = only in
/// <c>from</c>, changed = in both with other content, another kind (file ↔ link) or, when both recorded one, another mode.
/// When both checkpoints have folder trees and at least one does not list its files inline, the two root trees are walked
/// side by side and a folder whose tree hash is the same in both is skipped without being read: equal hashes are equal
/// bytes, so every entry below is the same. Only the trees of folders that differ are read. Otherwise (seed and format-1
/// checkpoints, or two small ones whose files are in checkpoint.json anyway) the two file lists are compared.
/// </summary>
internal sealed class CheckpointComparer(Workspace workspace)
{
    public DiffResult Diff(CheckpointRef fromReference, CheckpointRef toReference, CancellationToken cancellationToken)
    {
        StoredCheckpoint from = workspace.Catalog.Locate(fromReference);
        StoredCheckpoint to = workspace.Catalog.Locate(toReference);
        Manifest fromHeader = CheckpointCatalog.ReadOrFail(from, withFiles: false);
        Manifest toHeader = CheckpointCatalog.ReadOrFail(to, withFiles: false);
        Changes changes = new();
        long unchanged;
        if (fromHeader.Tree is { } fromRoot && toHeader.Tree is { } toRoot && (!fromHeader.FilesInline || !toHeader.FilesInline))
        {
            TreeWalk walk = new(from, to, changes, cancellationToken);
            walk.Compare(fromRoot, toRoot, "");
            // Files in skipped folders are never listed one by one: every file of `from` that is neither removed nor changed
            // is unchanged (metrics.total_files is the count of the files under the root tree for every checkpoint we write).
            unchanged = Math.Max(0, fromHeader.TotalFiles - changes.Removed.Count - changes.Changed.Count);
        }
        else
        {
            Manifest fromManifest = CheckpointCatalog.ReadOrFail(from), toManifest = CheckpointCatalog.ReadOrFail(to);
            ManifestPaths.ValidateAll(from, fromManifest);
            ManifestPaths.ValidateAll(to, toManifest);
            unchanged = CompareLists(fromManifest.Files, toManifest.Files, changes);
        }
        changes.Added.Sort(StringComparer.Ordinal);
        changes.Removed.Sort(StringComparer.Ordinal);
        changes.Changed.Sort(StringComparer.Ordinal);
        changes.ModeChanges.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new DiffResult(from.Id, changes.Added, changes.Removed, changes.Changed, unchanged)
        {
            ModeChanges = changes.ModeChanges,
            To = to.Id,
        };
    }

    private sealed class Changes
    {
        public List<string> Added { get; } = [];
        public List<string> Removed { get; } = [];
        public List<string> Changed { get; } = [];
        public List<ModeChange> ModeChanges { get; } = [];

        /// <summary>Records the pair of entries of one path present in both; true when they are the same.</summary>
        public bool Same(string path, ManifestFile before, ManifestFile after)
        {
            bool modeDiffers = !before.IsLink && !after.IsLink && before.Mode != FileModes.NotRecorded &&
                after.Mode != FileModes.NotRecorded && before.Mode != after.Mode;
            if (modeDiffers)
            {
                ModeChanges.Add(new ModeChange(path, FileModes.Text(before.Mode), FileModes.Text(after.Mode)));
            }
            if (modeDiffers || before.IsLink != after.IsLink || before.Hash != after.Hash || before.Size != after.Size)
            {
                Changed.Add(path);
                return false;
            }
            return true;
        }
    }

    private static long CompareLists(List<ManifestFile> before, List<ManifestFile> after, Changes changes)
    {
        Dictionary<string, ManifestFile> afterByPath = new(after.Count, StringComparer.Ordinal);
        foreach (ManifestFile file in after)
        {
            afterByPath.TryAdd(file.Path, file);
        }
        HashSet<string> seen = new(before.Count, StringComparer.Ordinal);
        long unchanged = 0;
        foreach (ManifestFile file in before)
        {
            if (!seen.Add(file.Path))
            {
                continue;
            }
            if (!afterByPath.TryGetValue(file.Path, out ManifestFile other))
            {
                changes.Removed.Add(file.Path);
            }
            else if (changes.Same(file.Path, file, other))
            {
                unchanged++;
            }
        }
        foreach (string path in afterByPath.Keys)
        {
            if (!seen.Contains(path))
            {
                changes.Added.Add(path);
            }
        }
        return unchanged;
    }

    /// <summary>The side-by-side walk of two root trees; a damaged tree on the way is an integrity error naming its folder.</summary>
    private sealed class TreeWalk(StoredCheckpoint from, StoredCheckpoint to, Changes changes, CancellationToken cancellationToken)
    {
        private readonly TreeStore _fromTrees = from.TreeStoreOrDefault;
        private readonly TreeStore _toTrees = to.TreeStoreOrDefault;

        public void Compare(string fromHash, string toHash, string prefix)
        {
            if (fromHash == toHash)
            {
                return;
            }
            cancellationToken.ThrowIfCancellationRequested();
            List<TreeEntry> before = Read(from, _fromTrees, fromHash, prefix);
            List<TreeEntry> after = Read(to, _toTrees, toHash, prefix);
            int i = 0, j = 0;
            while (i < before.Count || j < after.Count)
            {
                int order = i == before.Count ? 1 : j == after.Count ? -1 : FolderTree.Compare(before[i], after[j]);
                if (order < 0)
                {
                    All(from, _fromTrees, before[i++], prefix, changes.Removed);
                }
                else if (order > 0)
                {
                    All(to, _toTrees, after[j++], prefix, changes.Added);
                }
                else
                {
                    TreeEntry a = before[i++], b = after[j++];
                    string path = prefix + a.Name;
                    if (a.Kind == TreeEntryKind.Folder)
                    {
                        Compare(a.Hash, b.Hash, path + "/");
                    }
                    else
                    {
                        changes.Same(path, ToFile(path, a), ToFile(path, b));
                    }
                }
            }
        }

        // Every file of an entry present on one side only: the file itself, or everything below the folder.
        private void All(StoredCheckpoint checkpoint, TreeStore trees, in TreeEntry entry, string prefix, List<string> paths)
        {
            if (entry.Kind != TreeEntryKind.Folder)
            {
                paths.Add(prefix + entry.Name);
                return;
            }
            cancellationToken.ThrowIfCancellationRequested();
            string folder = prefix + entry.Name + "/";
            foreach (TreeEntry child in Read(checkpoint, trees, entry.Hash, folder))
            {
                All(checkpoint, trees, child, folder, paths);
            }
        }

        private static ManifestFile ToFile(string path, in TreeEntry entry) =>
            new(path, entry.Size, entry.Modified, entry.Hash, entry.WordCount, entry.Mode, entry.Kind == TreeEntryKind.Link);

        private static List<TreeEntry> Read(StoredCheckpoint checkpoint, TreeStore trees, string hash, string prefix)
        {
            List<TreeEntry> entries;
            try
            {
                entries = CheckpointTrees.Read(trees, hash, prefix, checkpoint.ManifestPath);
            }
            catch (DamagedTreeException e)
            {
                throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {checkpoint.Id} is damaged: {e.Message}", e)
                {
                    Damaged = [new DamagedFile(e.Folder, e.Problem)],
                };
            }
            RefuseUnsafeNames(checkpoint, entries, prefix);
            return entries;
        }

        // The checks ManifestPaths.ValidateAll makes of a full list, made of each tree read: a tree's names never hold "/",
        // "..", "." or NUL (FolderTree.Decode), so what is left is ".git" and a name that is both a file and a folder.
        private static void RefuseUnsafeNames(StoredCheckpoint checkpoint, List<TreeEntry> entries, string prefix)
        {
            List<DamagedFile> unsafePaths = [];
            List<string> reasons = [];
            for (int k = 0; k < entries.Count; k++)
            {
                TreeEntry entry = entries[k];
                if (entry.Name == ".git")
                {
                    unsafePaths.Add(new DamagedFile(prefix + entry.Name, "unreadable"));
                    reasons.Add($"'{prefix}{entry.Name}' (path inside .git)");
                }
                if (entry.Kind == TreeEntryKind.Folder)
                {
                    // A file "x" sorts before the folder "x/" with at most names starting with "x" + a character below '/' between.
                    for (int back = k - 1; back >= 0 && entries[back].Name.StartsWith(entry.Name, StringComparison.Ordinal); back--)
                    {
                        if (entries[back].Name == entry.Name && entries[back].Kind != TreeEntryKind.Folder)
                        {
                            unsafePaths.Add(new DamagedFile(prefix + entry.Name, "unreadable"));
                            reasons.Add($"'{prefix}{entry.Name}' is a {(entries[back].Kind == TreeEntryKind.Link ? "link" : "file")} and also a folder");
                        }
                    }
                }
            }
            if (reasons.Count > 0)
            {
                throw new CheckpointException(ErrorKind.Integrity,
                    $"Checkpoint {checkpoint.Id} has unsafe paths in its trees: {string.Join(", ", reasons.Take(10))}" +
                    (reasons.Count > 10 ? $" and {reasons.Count - 10} more." : "."))
                {
                    Damaged = unsafePaths,
                };
            }
        }
    }
}
