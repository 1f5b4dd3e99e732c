using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>What a save stores: the already validated name/stage and the root-relative scope.</summary>
/// <param name="GlobsAsGiven">The scope's globs mapped to the patterns the user typed; each must match a file.</param>
internal sealed record SaveSpec(string Name, string Stage, string Notes, JsonObject? Metadata, List<string> Scope,
    IReadOnlyDictionary<string, string>? GlobsAsGiven = null);

/// <summary>
/// Save: walk the scope (one statx per entry), let the stat index vouch for unchanged files, hash and store
/// the rest in parallel, make the new objects durable with one syncfs, then publish checkpoint.json — last.
/// </summary>
internal sealed class SnapshotSaver(Workspace workspace)
{
    private readonly ModifiedTimes _modifiedTimes = new();

    /// <summary>How many files the last save had to read because the stat index could not vouch for them.</summary>
    public int FilesRead { get; private set; }

    public SaveResult Save(SaveRequest request, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        CheckpointNames.ValidateName(request.Name);
        CheckpointNames.ValidateStage(request.Stage);
        string cwd = Path.GetFullPath(request.Cwd ?? workspace.Root, workspace.Root);
        Dictionary<string, string> globsAsGiven = new(StringComparer.Ordinal);
        List<string> scope = ScopeSelection.Resolve(workspace.Root, cwd, request.Files, request.Context, globsAsGiven);
        using StoreLock _ = workspace.LockForWriting(cancellationToken);
        return SaveLocked(new SaveSpec(request.Name, request.Stage, request.Notes, request.Metadata, scope, globsAsGiven), progress, cancellationToken);
    }

    /// <summary>The save proper; the caller holds the store lock (resume calls this for its safety checkpoint).</summary>
    public SaveResult SaveLocked(SaveSpec spec, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        PhaseTrace trace = new("save");
        DateTime now = workspace.Clock.GetLocalNow().DateTime;
        long stampNs = StatIndex.NowNs();
        List<SkippedEntry> skipped = [];
        List<string> unmatched = [];
        // The index is read while the tree is walked: both are needed before anything is compared.
        Task<StatIndex> loading = Task.Run(() => StatIndex.Load(workspace.Layout.IndexFile, workspace.Root), cancellationToken);
        WalkedFile[] files = [.. ScopeSelection.Collect(workspace.Walker(), spec.Scope, literalFilesBypassIgnore: true, skipped, unmatched)];
        trace.Mark("walk", files.Length);
        StatIndex index = loading.GetAwaiter().GetResult();
        trace.Mark("index.load", index.Count);
        RefuseUnmatchedGlobs(spec, unmatched);

        ManifestFile?[] entries = new ManifestFile?[files.Length];
        // In blocks across the cores: a lookup, a hex string and a time string per file add up over 100k files.
        const int Block = 4096;
        FileParallelism.For((files.Length + Block - 1) / Block, FileParallelism.Options(cancellationToken), block =>
        {
            int end = Math.Min(files.Length, (block + 1) * Block);
            for (int i = block * Block; i < end; i++)
            {
                WalkedFile file = files[i];
                // The mode comes from this walk's stat, never from the index: a chmod changes no content.
                if (!file.IsLink && index.TryGet(file.RelativePath, out IndexEntry known) && known.Vouches(file.Stat))
                {
                    entries[i] = new ManifestFile(file.RelativePath, known.Size, Modified(file.Stat), known.Hash, known.WordCount, FileModes.Of(file.Stat));
                }
            }
        });
        List<int> toHash = [];
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i] is null)
            {
                toHash.Add(i);
            }
        }
        trace.Mark("index.match", toHash.Count);
        FilesRead = toHash.Count;

        // Small contents are packed as Zstandard frames with the store's dictionary; the first save big enough trains it.
        PackDictionary? dictionary = toHash.Count == 0 ? null : workspace.Objects.DictionaryForSave(SampleCandidates(files, toHash));
        trace.Mark("dictionary", dictionary is null ? 0 : 1);
        using PackWriter pack = new(workspace.Layout, PackWriter.ContentPrefix, dictionary);
        (long newObjects, long bytesWritten) = HashAndStore(files, toHash, entries, index, stampNs, skipped, pack, progress, cancellationToken);
        trace.Mark("hash", toHash.Count);
        workspace.Objects.AddPacked(pack.Commit());

        List<ManifestFile> manifestFiles = new(files.Length);
        foreach (ManifestFile? entry in entries)
        {
            if (entry is { } present)
            {
                manifestFiles.Add(present);
            }
        }
        // Trees after the contents they list, in one pack of the trees this store lacks: an unchanged folder's tree is
        // already there (shared with earlier checkpoints), so a save writes the trees on the paths of what changed.
        using PackWriter treePack = new(workspace.Layout, TreeStore.PackPrefix);
        (string rootTree, int newTrees) = CheckpointTrees.Build(manifestFiles, workspace.Trees, treePack);
        workspace.Trees.AddPacked(treePack.Commit());
        trace.Mark("trees", newTrees);

        if (newObjects > 0 || newTrees > 0)
        {
            // One syncfs makes every new object and tree durable before the manifest that references them exists.
            FileSystem.Current.SyncFileSystem(workspace.Layout.Objects);
        }
        trace.Mark("sync");
        skipped.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        (long totalFiles, long totalWords, long totalSize) = Manifest.ComputeMetrics(manifestFiles);
        Manifest manifest = new()
        {
            Name = spec.Name,
            Timestamp = CheckpointNames.IsoLocal(now),
            Stage = spec.Stage,
            Notes = spec.Notes,
            Metadata = ManifestWriter.CopyMetadata(spec.Metadata),
            Files = manifestFiles,
            FormatVersion = Manifest.CurrentFormat,
            Root = workspace.Root,
            Scope = spec.Scope,
            Skipped = skipped,
            Tree = rootTree,
            FilesInline = manifestFiles.Count <= workspace.InlineFileLimit,
            TotalFiles = totalFiles,
            TotalWords = totalWords,
            TotalSize = totalSize,
        };
        string timestamp = CheckpointNames.FolderTimestamp(now);
        string id = CheckpointPublisher.IssueId(workspace.Layout, spec.Name, timestamp);
        string folderTimestamp = id[(spec.Name.Length + 1)..];
        CheckpointPublisher.Publish(workspace.Layout, id, manifest, SummaryMarkdown.Render(id, folderTimestamp, manifest));
        trace.Mark("publish");

        if (index.Changed)
        {
            index.Save(workspace.Layout.IndexFile, workspace.Layout.Temp);
        }
        trace.Mark("index.save");
        trace.Done();

        CheckpointSummary summary = CheckpointCatalog.Summarize(
            new StoredCheckpoint(id, spec.Name, folderTimestamp, workspace.Layout.CheckpointFolder(id)), manifest);
        return new SaveResult(summary, newObjects, manifestFiles.Count - newObjects, bytesWritten, trace.ElapsedMs)
        {
            Skipped = skipped.ConvertAll(entry => new SkippedFile(entry.Path, entry.Reason)),
        };
    }

    /// <summary>The files of this save whose contents may be packed (regular files up to the pack limit), for a dictionary's sample.</summary>
    private List<(string Path, long Size)> SampleCandidates(WalkedFile[] files, List<int> toHash)
    {
        List<(string, long)> candidates = new(toHash.Count);
        foreach (int i in toHash)
        {
            if (!files[i].IsLink && files[i].Stat.Size <= PackWriter.PackLimit)
            {
                candidates.Add((workspace.Root + "/" + files[i].RelativePath, files[i].Stat.Size));
            }
        }
        return candidates;
    }

    private (long NewObjects, long BytesWritten) HashAndStore(WalkedFile[] files, List<int> toHash, ManifestFile?[] entries,
        StatIndex index, long stampNs, List<SkippedEntry> skipped, PackWriter pack, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        if (toHash.Count == 0)
        {
            return (0, 0);
        }
        ContentIngest ingest = new(workspace.Objects, pack);
        ConcurrentDictionary<string, long> written = new(StringComparer.Ordinal);
        IndexEntry?[] learned = new IndexEntry?[files.Length];
        ConcurrentBag<SkippedEntry> unreadable = [];
        long done = 0;
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.For(toHash.Count, options, k =>
        {
            int i = toHash[k];
            WalkedFile file = files[i];
            try
            {
                string full = workspace.Root + "/" + file.RelativePath;
                if (file.IsLink)
                {
                    entries[i] = SaveLink(ingest, file, full, written, unreadable);
                }
                else
                {
                    IngestedContent content = ingest.Ingest(full, file.Stat.Size);
                    if (content.NewObject)
                    {
                        written.TryAdd(content.Hash, content.Size);
                    }
                    entries[i] = new ManifestFile(file.RelativePath, content.Size, Modified(file.Stat), content.Hash, content.WordCount, FileModes.Of(file.Stat));
                    if (content.Size == file.Stat.Size)
                    {
                        learned[i] = new IndexEntry(file.Stat.Size, file.Stat.MTimeNs, file.Stat.CTimeNs, file.Stat.Inode, content.Hash, content.WordCount, stampNs);
                    }
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted while we were saving: it is simply not part of this checkpoint.
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(new SkippedEntry(file.RelativePath, $"unreadable: {e.Message}"));
            }
            long now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 255) == 0)
            {
                progress.Report(new OperationProgress("hash", now, toHash.Count));
            }
        });
        progress?.Report(new OperationProgress("hash", toHash.Count, toHash.Count));
        for (int i = 0; i < learned.Length; i++)
        {
            if (learned[i] is { } entry)
            {
                index.Set(files[i].RelativePath, entry);
            }
        }
        skipped.AddRange(unreadable);
        long bytes = 0;
        foreach (long size in written.Values)
        {
            bytes += size;
        }
        return (written.Count, bytes);
    }

    /// <summary>A link's entry: its target text (read from the link, never followed) stored as a content of its own, as git stores a link.</summary>
    private ManifestFile? SaveLink(ContentIngest ingest, WalkedFile file, string fullPath, ConcurrentDictionary<string, long> written, ConcurrentBag<SkippedEntry> unreadable)
    {
        if (ingest.IngestLink(fullPath) is not { } target)
        {
            unreadable.Add(new SkippedEntry(file.RelativePath, "symbolic link whose target is not UTF-8 text"));
            return null;
        }
        if (target.NewObject)
        {
            written.TryAdd(target.Hash, target.Size);
        }
        return new ManifestFile(file.RelativePath, target.Size, Modified(file.Stat), target.Hash, 0, FileModes.NotRecorded, IsLink: true);
    }

    private string Modified(FileStat stat) => _modifiedTimes.Of(stat);

    /// <summary>
    /// A pattern that matches nothing is almost always a typo; saving the rest would silently produce a partial
    /// checkpoint, so the whole save is refused (nothing has been written yet).
    /// </summary>
    private static void RefuseUnmatchedGlobs(SaveSpec spec, List<string> unmatched)
    {
        if (unmatched.Count == 0)
        {
            return;
        }
        IEnumerable<string> named = unmatched.Select(entry => spec.GlobsAsGiven is not null && spec.GlobsAsGiven.TryGetValue(entry, out string? given) ? given : entry);
        throw new CheckpointException(ErrorKind.InvalidArgument,
            $"no files match: {string.Join(", ", named)} (ignored files do not count; name a file literally to save it even when ignored).");
    }
}
