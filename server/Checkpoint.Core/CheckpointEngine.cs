using Checkpoint.Core.Snapshots;
using Checkpoint.Core.Store;

namespace Checkpoint.Core;

/// <summary>
/// The one entry point every face (CLI verbs, language-server handlers, MCP tools) calls. It knows
/// nothing of transports: it takes requests, reports progress, honours cancellation, returns results
/// and throws <see cref="CheckpointException"/> for anything the user should read.
/// </summary>
public sealed class CheckpointEngine
{
    /// <param name="root">Absolute workspace root.</param>
    /// <param name="store">Absolute store folder; default <c>&lt;root&gt;/memory/checkpoints</c>.</param>
    public CheckpointEngine(string root, string? store = null)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        StorePath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(store ?? Path.Combine(Root, "memory", "checkpoints"), Root));
        _workspace = new Workspace(Root, StorePath);
    }

    private readonly Workspace _workspace;

    public string Root { get; }
    public string StorePath { get; }

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

    /// <summary>Saves the request's scope as a new checkpoint; serialised with other writers by the store lock.</summary>
    public Task<SaveResult> SaveAsync(SaveRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(() => new SnapshotSaver(_workspace).Save(request, progress, cancellationToken), cancellationToken);

    /// <summary>Every checkpoint (or those of <paramref name="name"/>), grouped by name, newest first. Unreadable ones are left out (verify reports them).</summary>
    public ListResult List(string? name = null) => Guard(() =>
    {
        if (name is not null)
        {
            CheckpointNames.ValidateName(name);
        }
        List<CheckpointSummary> summaries = [];
        foreach (StoredCheckpoint checkpoint in _workspace.Catalog.All())
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
                // Listed by verify as damaged; a listing must not fail because one checkpoint is.
            }
        }
        return new ListResult(summaries);
    });

    /// <summary>One checkpoint with its metadata and file entries.</summary>
    public CheckpointDetail Show(CheckpointRef checkpoint) => Guard(() =>
    {
        StoredCheckpoint stored = _workspace.Catalog.Locate(checkpoint);
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored);
        CheckpointSummary summary = CheckpointCatalog.Summarize(stored, manifest);
        List<CheckpointFile> files = new(manifest.Files.Count);
        foreach (ManifestFile file in manifest.Files)
        {
            files.Add(new CheckpointFile(file.Path, file.Size, file.Modified, "sha256:" + file.Hash, file.WordCount));
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
        };
    });

    public Task<DiffResult> DiffAsync(CheckpointRef checkpoint, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<ResumeResult> ResumeAsync(ResumeRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Every checkpoint when <paramref name="name"/> is null; all of a name, or one with a timestamp.</summary>
    public Task<VerifyResult> VerifyAsync(string? name = null, string? timestamp = null, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public DeleteResult Delete(string name, string timestamp) => throw new NotImplementedException();

    public PruneResult Prune(PruneRequest request) => throw new NotImplementedException();

    /// <summary>Bytes of one file of one checkpoint (for diff editors); verified against its hash.</summary>
    public FileContent ReadFile(CheckpointRef checkpoint, string path) => throw new NotImplementedException();

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
