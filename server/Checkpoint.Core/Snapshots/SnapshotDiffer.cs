using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>Diff: a checkpoint against the working tree, within the checkpoint's saved scope.</summary>
internal sealed class SnapshotDiffer(Workspace workspace)
{
    public DiffResult Diff(CheckpointRef reference, CancellationToken cancellationToken)
    {
        StoredCheckpoint stored = workspace.Catalog.Locate(reference);
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored);
        ManifestPaths.ValidateAll(stored, manifest);
        WorkingTreeWalker walker = workspace.Walker();
        Dictionary<string, WalkedFile> working = new(StringComparer.Ordinal);
        if (manifest.Scope is { } scope)
        {
            foreach (WalkedFile file in ScopeSelection.Collect(walker, scope, literalFilesBypassIgnore: true, []))
            {
                working[file.RelativePath] = file;
            }
        }
        else
        {
            // A seed checkpoint does not record its scope: compare its own files only.
            foreach (ManifestFile file in manifest.Files)
            {
                string full = walker.FullPath(file.Path);
                FileStat stat = FileSystem.Current.LStat(full);
                if (stat.IsFile)
                {
                    working[file.Path] = new WalkedFile(file.Path, stat);
                }
            }
        }

        WorkingTreeComparer comparer = new(StatIndex.Load(workspace.Layout.IndexFile, workspace.Root));
        bool[] changed = new bool[manifest.Files.Count];
        bool[] removed = new bool[manifest.Files.Count];
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.For(manifest.Files.Count, options, i =>
        {
            ManifestFile entry = manifest.Files[i];
            if (!working.TryGetValue(entry.Path, out WalkedFile file))
            {
                removed[i] = true;
            }
            else if (!comparer.SameContent(entry, file.RelativePath, walker.Base, file.Stat))
            {
                changed[i] = true;
            }
        });

        HashSet<string> inCheckpoint = new(manifest.Files.Count, StringComparer.Ordinal);
        List<string> removedPaths = [], changedPaths = [], addedPaths = [];
        long unchanged = 0;
        for (int i = 0; i < manifest.Files.Count; i++)
        {
            string path = manifest.Files[i].Path;
            inCheckpoint.Add(path);
            if (removed[i]) { removedPaths.Add(path); }
            else if (changed[i]) { changedPaths.Add(path); }
            else { unchanged++; }
        }
        foreach (string path in working.Keys)
        {
            if (!inCheckpoint.Contains(path))
            {
                addedPaths.Add(path);
            }
        }
        addedPaths.Sort(StringComparer.Ordinal);
        return new DiffResult(stored.Id, addedPaths, removedPaths, changedPaths, unchanged);
    }
}
