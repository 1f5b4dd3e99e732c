using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/delete</c>: the CLI's <c>delete</c> (the client asked the user already).</summary>
internal sealed class DeleteHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<DeleteResult> HandleAsync(DeleteParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Value.Engine.Delete(
            ParamGuard.Required(parameters.Name, "name"),
            ParamGuard.Required(parameters.Timestamp, "timestamp")));
}
