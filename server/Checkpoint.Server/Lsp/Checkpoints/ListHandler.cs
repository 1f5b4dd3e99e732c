using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/list</c>: the CLI's <c>list</c>.</summary>
internal sealed class ListHandler(CheckpointWorkspace workspace)
{
    public ValueTask<ListResult> HandleAsync(ListParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Engine.List(parameters.Name));
}
