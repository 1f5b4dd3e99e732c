using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/diff</c>: the CLI's <c>diff</c> (checkpoint vs working tree, or with <c>to</c> vs another checkpoint).</summary>
internal sealed class DiffHandler(Lazy<CheckpointWorkspace> workspace)
{
    public async ValueTask<DiffResult> HandleAsync(DiffParams parameters, CancellationToken cancellationToken) =>
        parameters.To is { } to
            ? await workspace.Value.Engine.DiffCheckpointsAsync(parameters.ToCheckpointRef(), CheckpointRef.FromId(to), cancellationToken).ConfigureAwait(false)
            : await workspace.Value.Engine.DiffAsync(parameters.ToCheckpointRef(), cancellationToken).ConfigureAwait(false);
}
