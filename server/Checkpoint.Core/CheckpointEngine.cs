using Checkpoint.Core.Snapshots;

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
        Root = Path.GetFullPath(root);
        StorePath = Path.GetFullPath(store ?? Path.Combine(Root, "memory", "checkpoints"));
    }

    public string Root { get; }
    public string StorePath { get; }

    /// <summary>The root for a working directory: the nearest ancestor that has memory/checkpoints or .git, else the directory itself.</summary>
    public static string DiscoverRoot(string cwd) => throw new NotImplementedException();

    public Task<SaveResult> SaveAsync(SaveRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ListResult List(string? name = null) => throw new NotImplementedException();

    public CheckpointDetail Show(CheckpointRef checkpoint) => throw new NotImplementedException();

    public Task<DiffResult> DiffAsync(CheckpointRef checkpoint, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<ResumeResult> ResumeAsync(ResumeRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Every checkpoint when <paramref name="name"/> is null; all of a name, or one with a timestamp.</summary>
    public Task<VerifyResult> VerifyAsync(string? name = null, string? timestamp = null, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public DeleteResult Delete(string name, string timestamp) => throw new NotImplementedException();

    public PruneResult Prune(PruneRequest request) => throw new NotImplementedException();

    /// <summary>Bytes of one file of one checkpoint (for diff editors); verified against its hash.</summary>
    public FileContent ReadFile(CheckpointRef checkpoint, string path) => throw new NotImplementedException();
}
