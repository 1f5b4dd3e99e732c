using Checkpoint.Core.Snapshots;
using Checkpoint.Core.Store;

namespace Checkpoint.Core;

/// <summary>
/// The one entry point every face (CLI verbs, language-server handlers, MCP tools) calls. It knows
/// nothing of transports: it takes requests, reports progress, honours cancellation, returns results
/// and throws <see cref="CheckpointException"/> for anything the user should read.
/// </summary>
public sealed partial class CheckpointEngine
{
    /// <param name="root">Absolute workspace root.</param>
    /// <param name="store">Absolute store folder; default <c>&lt;root&gt;/memory/checkpoints</c>.</param>
    public CheckpointEngine(string root, string? store = null)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        StorePath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(store ?? Path.Combine(Root, "memory", "checkpoints"), Root));
    }

    // A fresh view per operation: other processes add packs and checkpoints between our calls, and a
    // long-lived engine (the language server) must not answer from a stale pack index.
    private Workspace OpenWorkspace() => new(Root, StorePath, Exclude, CompressionMinimumLength, Names, InlineFileLimit, Clock);

    public string Root { get; }
    public string StorePath { get; }

    /// <summary>
    /// Extra ignore patterns (.gitignore syntax, relative to the root) on top of the .gitignore and
    /// .checkpointignore files: what save, diff and mirror never consider (the editor's
    /// <c>checkpoint.exclude</c> setting).
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Saved contents at least this long are stored Brotli-compressed when that saves ≥ 10 %. The default
    /// compresses loose objects only (files over 256 KB); tests lower it to put compressed entries into packs.
    /// </summary>
    internal int CompressionMinimumLength { get; init; } = ObjectCompression.DefaultMinimumLength;

    /// <summary>
    /// A store setting: a checkpoint of up to this many files lists them in its checkpoint.json exactly as the seed's
    /// tools expect; a bigger one carries its header, metrics and root tree only (its files are in the folder trees,
    /// and <see cref="Show"/> lists them all). Tests lower it to cover both forms.
    /// </summary>
    internal int InlineFileLimit { get; init; } = Manifest.DefaultInlineFileLimit;

    /// <summary>The names a restore may write; null: this system's (<see cref="IFileSystem.Names"/>). Tests set Windows' here.</summary>
    internal NameRules? Names { get; init; }

    /// <summary>The clock saves take their timestamps from; null: the system's. Tests set one that stands still or steps back.</summary>
    internal TimeProvider? Clock { get; init; }

    /// <summary>The root for a working directory: the nearest ancestor that has memory/checkpoints or .git, else the directory itself.</summary>
    public static string DiscoverRoot(string cwd)
    {
        string start = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cwd));
        for (string? folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(Path.Combine(folder, "memory", "checkpoints")) || Path.Exists(Path.Combine(folder, ".git")))
            {
                return folder;
            }
        }
        return start;
    }

    /// <summary>
    /// Saves the request's scope as a new checkpoint; serialised with other writers by the store lock. Then applies
    /// the store's retention setting, if it has one (<see cref="RetentionSettings"/>), and reports what it removed.
    /// </summary>
    public Task<SaveResult> SaveAsync(SaveRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            Workspace workspace = OpenWorkspace();
            // Read first: a broken setting refuses the save before anything is written.
            RetentionSettings? retention = RetentionSettings.Read(workspace.Layout);
            SaveResult saved = new SnapshotSaver(workspace).Save(request, progress, cancellationToken);
            if (retention is null)
            {
                return saved;
            }
            PruneResult pruned = new StorePruner(OpenWorkspace()).Prune(new PruneRequest
            {
                KeepLast = retention.MaxPerName,
                MaxAgeDays = retention.MaxAgeDays,
                Keep = saved.Checkpoint.Id,
                KeepNewestSafety = true,
            });
            return saved with { Retention = new RetentionReport(retention.MaxPerName, retention.MaxAgeDays, pruned.Deleted, pruned.ObjectsRemoved, pruned.BytesFreed) };
        }, cancellationToken);

    /// <summary>The store's retention setting, or null when it has none.</summary>
    public RetentionSettings? GetRetention() => Guard(() => RetentionSettings.Read(OpenWorkspace().Layout));

    /// <summary>Sets the store's retention setting (applied after every later save), or removes it with null.</summary>
    public RetentionSettings? SetRetention(RetentionSettings? settings) => Guard(() =>
    {
        Workspace workspace = OpenWorkspace();
        using StoreLock _ = workspace.LockForWriting();
        RetentionSettings.Write(workspace.Layout, settings?.Validated());
        return settings;
    });

    /// <summary>Every checkpoint (or those of <paramref name="name"/>), grouped by name, newest first. Unreadable ones are left out and named in <see cref="ListResult.Unreadable"/> (verify says why).</summary>
    public ListResult List(string? name = null) => Guard(() =>
    {
        if (name is not null)
        {
            CheckpointNames.ValidateName(name);
        }
        List<CheckpointSummary> summaries = [];
        List<string> unreadable = [];
        foreach (StoredCheckpoint checkpoint in OpenWorkspace().Catalog.All())
        {
            if (name is not null && checkpoint.Name != name)
            {
                continue;
            }
            try
            {
                summaries.Add(CheckpointCatalog.Summarize(checkpoint, checkpoint.ReadManifest(withFiles: false)));
            }
            catch (UnreadableManifestException)
            {
                // A listing must not fail because one checkpoint is damaged, nor hide that it is: verify says why.
                unreadable.Add(checkpoint.Id);
            }
        }
        return new ListResult(summaries) { Unreadable = unreadable };
    });

    /// <summary>One checkpoint with its metadata and file entries.</summary>
    public CheckpointDetail Show(CheckpointRef checkpoint) => Guard(() =>
    {
        StoredCheckpoint stored = OpenWorkspace().Catalog.Locate(checkpoint);
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored);
        CheckpointSummary summary = CheckpointCatalog.Summarize(stored, manifest);
        List<CheckpointFile> files = new(manifest.Files.Count);
        foreach (ManifestFile file in manifest.Files)
        {
            files.Add(new CheckpointFile(file.Path, file.Size, file.Modified, "sha256:" + file.Hash, file.WordCount,
                file.Mode == FileModes.NotRecorded ? null : FileModes.Text(file.Mode), file.IsLink ? "link" : null));
        }
        return new CheckpointDetail
        {
            Id = summary.Id,
            Name = summary.Name,
            Timestamp = summary.Timestamp,
            Created = summary.Created,
            Stage = summary.Stage,
            Notes = summary.Notes,
            TotalFiles = summary.TotalFiles,
            TotalWords = summary.TotalWords,
            TotalSize = summary.TotalSize,
            Layout = summary.Layout,
            Scope = summary.Scope,
            Metadata = manifest.Metadata,
            Files = files,
            SummaryPath = File.Exists(stored.SummaryPath) ? stored.SummaryPath : null,
        };
    });

    /// <summary>The checkpoint against the working tree, within its saved scope: added, removed, changed, and how many are unchanged.</summary>
    public Task<DiffResult> DiffAsync(CheckpointRef checkpoint, CancellationToken cancellationToken = default) =>
        Run(() => new SnapshotDiffer(OpenWorkspace()).Diff(checkpoint, cancellationToken), cancellationToken);

    /// <summary>
    /// Two checkpoints compared: what changed from <paramref name="from"/> to <paramref name="to"/> (added = only in
    /// <paramref name="to"/>). Folders whose tree is the same in both are skipped unread.
    /// </summary>
    public Task<DiffResult> DiffCheckpointsAsync(CheckpointRef from, CheckpointRef to, CancellationToken cancellationToken = default) =>
        Run(() => new CheckpointComparer(OpenWorkspace()).Diff(from, to, cancellationToken), cancellationToken);

    /// <summary>
    /// The diff, plus a unified diff of each text file it lists (within <paramref name="paths"/> when given), the
    /// texts together at most <paramref name="maxBytes"/> long.
    /// </summary>
    public async Task<(DiffResult Diff, IReadOnlyList<FileTextDiff> Files)> DiffTextAsync(CheckpointRef checkpoint, IReadOnlyList<string>? paths, int maxBytes, CancellationToken cancellationToken = default)
    {
        DiffResult diff = await DiffAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FileTextDiff> files = await Run(() => TextDiffer.Render(this, checkpoint, diff, paths, maxBytes), cancellationToken).ConfigureAwait(false);
        return (diff, files);
    }

    /// <summary>
    /// Restores a checkpoint (see <see cref="ResumeRequest"/>). Paths and contents are checked before anything is
    /// written; into the root, a safety checkpoint of every file to be overwritten or deleted is taken first.
    /// </summary>
    public Task<ResumeResult> ResumeAsync(ResumeRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(() => new SnapshotRestorer(OpenWorkspace()).Resume(request, progress, cancellationToken), cancellationToken);

    /// <summary>Every checkpoint when <paramref name="name"/> is null; all of a name, or one with a timestamp.</summary>
    /// <param name="deep">
    /// Decode every compressed object and rehash it. By default a compressed pack entry is proven by the checksum of its
    /// stored bytes that the save wrote after decoding it back to the content (restic's <c>check</c> vs <c>check --read-data</c>);
    /// objects stored as is, loose objects, old packs and trees are always decoded and hashed.
    /// </param>
    public Task<VerifyResult> VerifyAsync(string? name = null, string? timestamp = null, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default,
        bool deep = false) =>
        Run(() => new CheckpointVerifier(OpenWorkspace()).Verify(name, timestamp, progress, cancellationToken, deep), cancellationToken);

    /// <summary>Removes one checkpoint (atomically); its objects stay until <see cref="Prune"/>.</summary>
    public DeleteResult Delete(string name, string timestamp) => Guard(() =>
    {
        CheckpointNames.ValidateName(name);
        CheckpointNames.ValidateTimestamp(timestamp);
        CheckpointRef reference = new(name, Timestamp: timestamp);
        Workspace workspace = OpenWorkspace();
        workspace.Catalog.Locate(reference);
        using StoreLock _ = workspace.LockForWriting();
        StoredCheckpoint stored = workspace.Catalog.Locate(reference);
        CheckpointRemoval.Remove(workspace.Layout, stored);
        return new DeleteResult(stored.Id);
    });

    /// <summary>Applies the retention schedule (or <see cref="PruneRequest.KeepLast"/>/<see cref="PruneRequest.MaxAgeDays"/>), then removes unreferenced objects.</summary>
    public PruneResult Prune(PruneRequest request) => Guard(() => new StorePruner(OpenWorkspace()).Prune(request));

    /// <summary>Bytes of one file of one checkpoint (for diff editors); verified against its hash.</summary>
    public FileContent ReadFile(CheckpointRef checkpoint, string path) => Guard(() =>
    {
        Workspace workspace = OpenWorkspace();
        StoredCheckpoint stored = workspace.Catalog.Locate(checkpoint);
        string wanted = path.Replace('\\', '/').TrimStart('/');
        (Manifest manifest, ManifestFile? entry) = FindFile(stored, wanted);
        if (entry is not { } file)
        {
            throw new CheckpointException(ErrorKind.NotFound, $"Checkpoint {stored.Id} has no file '{path}'.");
        }
        if (ManifestPaths.Problem(file.Path) is { } problem)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {stored.Id} lists an unsafe path '{file.Path}' ({problem}).")
            {
                Damaged = [new DamagedFile(file.Path, "unreadable")],
            };
        }
        byte[] bytes;
        try
        {
            ContentLocation location = stored.Locate(manifest, file, workspace.Objects) ?? throw new FileNotFoundException(file.Path);
            using Stream content = StoredContent.Open(location, out _);
            // Grows with what is really there, up to one byte past the recorded size: neither a damaged object
            // nor a forged size decides an allocation.
            MemoryStream collected = new((int)Math.Clamp(file.Size + 1, 1, 1 << 20));
            byte[] chunk = new byte[1 << 16];
            int read;
            while (collected.Length <= file.Size && (read = content.Read(chunk)) > 0)
            {
                collected.Write(chunk, 0, read);
            }
            bytes = collected.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"The content of '{file.Path}' in checkpoint {stored.Id} is corrupt: {e.Message}.", e)
            {
                Damaged = [new DamagedFile(file.Path, "mismatch")],
            };
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"The content of '{file.Path}' is missing from checkpoint {stored.Id}.", e)
            {
                Damaged = [new DamagedFile(file.Path, "missing")],
            };
        }
        if (ContentIngest.HashHex(bytes) != file.Hash)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"The content of '{file.Path}' in checkpoint {stored.Id} does not match its SHA-256.")
            {
                Damaged = [new DamagedFile(file.Path, "mismatch")],
            };
        }
        return new FileContent(file.Path, bytes);
    });

    /// <summary>One file's entry; a big format-2 checkpoint reads only the trees of the file's folders.</summary>
    private static (Manifest Manifest, ManifestFile? File) FindFile(StoredCheckpoint stored, string path)
    {
        Manifest header = CheckpointCatalog.ReadOrFail(stored, withFiles: false);
        if (!header.FilesInline && header.Tree is { } root)
        {
            try
            {
                return (header, ManifestPaths.Problem(path) is null ? CheckpointTrees.Find(stored.TreeStoreOrDefault, root, path, stored.ManifestPath) : null);
            }
            catch (DamagedTreeException e)
            {
                throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {stored.Id} is damaged: {e.Message}", e)
                {
                    Damaged = [new DamagedFile(e.Folder, e.Problem)],
                };
            }
        }
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored);
        int found = manifest.Files.FindIndex(f => f.Path == path);
        return (manifest, found < 0 ? null : manifest.Files[found]);
    }

    // Work runs on the thread pool so a language server's message loop stays responsive.
    private static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Run(() => Guard(work), cancellationToken);

    /// <summary>Every I/O failure leaves as a <see cref="CheckpointException"/> whose message names the path.</summary>
    private static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(ErrorKind.Failed, e.Message, e);
        }
    }
}
