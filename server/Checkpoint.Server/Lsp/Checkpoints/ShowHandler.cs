using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/show</c>: the CLI's <c>show</c>.</summary>
internal sealed class ShowHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<CheckpointDetail> HandleAsync(CheckpointRefParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Value.Engine.Show(parameters.ToCheckpointRef()));
}
