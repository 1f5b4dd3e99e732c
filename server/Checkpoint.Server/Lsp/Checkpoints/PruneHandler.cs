using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/prune</c>: the CLI's <c>prune</c>.</summary>
internal sealed class PruneHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<PruneResult> HandleAsync(PruneParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Value.Engine.Prune(parameters.ToRequest()));
}
