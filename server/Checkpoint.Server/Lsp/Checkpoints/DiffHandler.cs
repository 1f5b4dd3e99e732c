using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/diff</c>: the CLI's <c>diff</c> (checkpoint vs working tree).</summary>
internal sealed class DiffHandler(Lazy<CheckpointWorkspace> workspace)
{
    public async ValueTask<DiffResult> HandleAsync(CheckpointRefParams parameters, CancellationToken cancellationToken) =>
        await workspace.Value.Engine.DiffAsync(parameters.ToCheckpointRef(), cancellationToken).ConfigureAwait(false);
}
