using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Diff: a checkpoint against the working tree, within the checkpoint's saved scope. A file whose permission bits differ
/// from the recorded ones is changed (same bytes or not), and listed in <see cref="DiffResult.ModeChanges"/>; a link is
/// changed when it points elsewhere or is no longer a link.
/// </summary>
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
                // A checkpoint saved before links were recorded could not hold one: a link is not "added" since.
                if (manifest.RecordsLinks || !file.IsLink)
                {
                    working[file.RelativePath] = file;
                }
            }
        }
        else
        {
            // A seed checkpoint does not record its scope: compare its own files only.
            foreach (ManifestFile file in manifest.Files)
            {
                string full = walker.FullPath(file.Path);
                FileStat stat = FileSystem.Current.LStat(full);
                if (stat.IsFile || (file.IsLink && stat.Kind == EntryKind.SymbolicLink))
                {
                    working[file.Path] = new WalkedFile(file.Path, stat);
                }
            }
        }

        WorkingTreeComparer comparer = new(StatIndex.Load(workspace.Layout.IndexFile, workspace.Root), ContentIngest.HashFile);
        bool[] changed = new bool[manifest.Files.Count];
        bool[] removed = new bool[manifest.Files.Count];
        int[] modeNow = new int[manifest.Files.Count];
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.For(manifest.Files.Count, options, i =>
        {
            ManifestFile entry = manifest.Files[i];
            if (!working.TryGetValue(entry.Path, out WalkedFile file))
            {
                removed[i] = true;
                return;
            }
            if (!WorkingTreeComparer.SameMode(entry, file.Stat))
            {
                modeNow[i] = FileModes.Of(file.Stat);
            }
            changed[i] = modeNow[i] != FileModes.NotRecorded || !comparer.SameContent(entry, file.RelativePath, walker.Base, file.Stat);
        });

        HashSet<string> inCheckpoint = new(manifest.Files.Count, StringComparer.Ordinal);
        List<string> removedPaths = [], changedPaths = [], addedPaths = [];
        List<ModeChange> modeChanges = [];
        long unchanged = 0;
        for (int i = 0; i < manifest.Files.Count; i++)
        {
            string path = manifest.Files[i].Path;
            inCheckpoint.Add(path);
            if (removed[i]) { removedPaths.Add(path); }
            else if (changed[i]) { changedPaths.Add(path); }
            else { unchanged++; }
            if (modeNow[i] != FileModes.NotRecorded)
            {
                modeChanges.Add(new ModeChange(path, FileModes.Text(manifest.Files[i].Mode), FileModes.Text(modeNow[i])));
            }
        }
        foreach (string path in working.Keys)
        {
            if (!inCheckpoint.Contains(path))
            {
                addedPaths.Add(path);
            }
        }
        addedPaths.Sort(StringComparer.Ordinal);
        return new DiffResult(stored.Id, addedPaths, removedPaths, changedPaths, unchanged) { ModeChanges = modeChanges };
    }
}
