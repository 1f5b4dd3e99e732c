using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>Prune: apply the <see cref="RetentionPolicy"/>, then collect the objects no remaining checkpoint references.</summary>
internal sealed class StorePruner(Workspace workspace)
{
    public PruneResult Prune(PruneRequest request)
    {
        RetentionPolicy policy = new(request.KeepLast, request.MaxAgeDays);
        if (!workspace.Layout.Exists)
        {
            return new PruneResult(request.DryRun, [], [], 0, 0);
        }
        using StoreLock _ = workspace.LockForWriting();
        DateTime now = DateTime.Now;
        List<string> deleted = [], kept = [];
        List<StoredCheckpoint> remaining = [];
        List<StoredCheckpoint> doomed = [];
        // A checkpoint whose manifest cannot be read is kept, and its unknown references forbid collecting objects.
        bool referencesKnown = true;
        string? previousName = null;
        int rank = 0;
        List<(StoredCheckpoint Checkpoint, Manifest Manifest, DateTime Created, int Rank)> readable = [];
        foreach (StoredCheckpoint checkpoint in workspace.Catalog.All())
        {
            rank = checkpoint.Name == previousName ? rank + 1 : 0;
            previousName = checkpoint.Name;
            try
            {
                Manifest manifest = checkpoint.ReadManifest(withFiles: false);
                readable.Add((checkpoint, manifest, RetentionPolicy.CreatedOf(checkpoint, manifest), rank));
            }
            catch (UnreadableManifestException)
            {
                referencesKnown = false;
                kept.Add(checkpoint.Id);
                remaining.Add(checkpoint);
            }
        }
        string? newestSafety = request.KeepNewestSafety
            ? readable.Where(c => c.Manifest.Stage == SnapshotRestorer.SafetyStage).OrderByDescending(c => c.Created).Select(c => c.Checkpoint.Id).FirstOrDefault()
            : null;
        foreach ((StoredCheckpoint checkpoint, Manifest manifest, DateTime created, int rankInName) in readable)
        {
            bool keep = checkpoint.Id == request.Keep || checkpoint.Id == newestSafety;
            if (!keep && policy.ShouldDelete(manifest.Stage, created, rankInName, now))
            {
                deleted.Add(checkpoint.Id);
                doomed.Add(checkpoint);
            }
            else
            {
                kept.Add(checkpoint.Id);
                remaining.Add(checkpoint);
            }
        }
        if (!request.DryRun)
        {
            foreach (StoredCheckpoint checkpoint in doomed)
            {
                CheckpointRemoval.Remove(workspace.Layout, checkpoint);
            }
        }
        (long objects, long bytes) = referencesKnown ? CollectGarbage(remaining, request.DryRun) : (0, 0);
        if (!request.DryRun && referencesKnown)
        {
            // The git commits push made of deleted checkpoints (by this prune or an earlier delete), and the fetched
            // copies of them, go too. A git that fails here leaves them for the next prune: the checkpoints are gone already.
            try
            {
                bytes += new Remotes.TransferRepository(workspace.Layout).Forget(remaining.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
            }
            catch (Exception e) when (e is Remotes.GitFailedException or System.ComponentModel.Win32Exception or IOException)
            {
            }
        }
        return new PruneResult(request.DryRun, deleted, kept, objects, bytes);
    }

    private (long Objects, long Bytes) CollectGarbage(List<StoredCheckpoint> remaining, bool dryRun)
    {
        HashSet<string> referenced = new(StringComparer.Ordinal);
        HashSet<string> referencedTrees = new(StringComparer.Ordinal);
        foreach (StoredCheckpoint checkpoint in remaining)
        {
            Manifest manifest;
            try
            {
                manifest = checkpoint.ReadManifest(withFiles: false);
                if (manifest.Tree is { } root)
                {
                    // Marked through the trees: a subtree already marked (shared with another checkpoint) is not entered again.
                    if (!MarkTree(root, referenced, referencedTrees))
                    {
                        return (0, 0); // a tree we cannot read: its references are unknown, so nothing may go
                    }
                }
                if (manifest.Tree is null || manifest.FilesInline)
                {
                    manifest = checkpoint.ReadManifest();
                }
            }
            catch (UnreadableManifestException)
            {
                return (0, 0);
            }
            foreach (ManifestFile file in manifest.Files)
            {
                referenced.Add(file.Hash);
            }
        }
        long objects = 0, bytes = 0;
        HashSet<string> removed = new(StringComparer.Ordinal);
        foreach ((string hash, string path, long size) in workspace.Objects.EnumerateLoose())
        {
            if (referenced.Contains(hash))
            {
                continue;
            }
            objects++;
            bytes += size;
            if (!dryRun)
            {
                File.Delete(path);
                removed.Add(hash);
            }
        }
        (long packedObjects, long packedBytes) = PackCompaction.Compact(workspace, referenced, dryRun, removed);
        objects += packedObjects;
        bytes += packedBytes;
        // Trees count in the bytes freed, not in ObjectsRemoved: that stays "file contents", as it always meant.
        (_, long treeBytes) = PackCompaction.CompactTrees(workspace, referencedTrees, dryRun);
        bytes += treeBytes;
        bytes += PackCompaction.DropUnusedDictionaries(workspace, dryRun);
        if (removed.Count > 0)
        {
            // The stat index must never vouch for content whose object is gone.
            StatIndex index = StatIndex.Load(workspace.Layout.IndexFile, workspace.Root);
            index.RemoveWhere(entry => removed.Contains(entry.Hash));
            if (index.Count == 0)
            {
                // Empty here may mean "another root's index": drop it rather than trust it.
                File.Delete(workspace.Layout.IndexFile);
            }
            else if (index.Changed)
            {
                index.Save(workspace.Layout.IndexFile, workspace.Layout.Temp);
            }
        }
        return (objects, bytes);
    }

    /// <summary>Adds the trees and contents under <paramref name="tree"/>; false when a tree cannot be read.</summary>
    private bool MarkTree(string tree, HashSet<string> contents, HashSet<string> trees)
    {
        if (!trees.Add(tree))
        {
            return true;
        }
        if (workspace.Trees.TryRead(tree, out _, out _) is not { } entries)
        {
            return false;
        }
        foreach (TreeEntry entry in entries)
        {
            if (entry.Kind != TreeEntryKind.Folder)
            {
                contents.Add(entry.Hash); // a file's content, or a link's target text
            }
            else if (!MarkTree(entry.Hash, contents, trees))
            {
                return false;
            }
        }
        return true;
    }
}
