using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/list</c>: the CLI's <c>list</c>.</summary>
internal sealed class ListHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<ListResult> HandleAsync(ListParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Value.Engine.List(parameters.Name));
}
