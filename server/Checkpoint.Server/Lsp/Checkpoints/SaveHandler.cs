using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/save</c>: the CLI's <c>save</c>, with work-done progress.</summary>
internal sealed class SaveHandler(CheckpointWorkspace workspace, ProgressStarter progress)
{
    public async ValueTask<SaveResult> HandleAsync(SaveParams parameters, CancellationToken cancellationToken)
    {
        var request = parameters.ToRequest(workspace.Root);
        await using var reporter = await progress.BeginAsync(parameters.WorkDoneToken, $"Saving checkpoint {request.Name}", cancellationToken).ConfigureAwait(false);
        return await workspace.Engine.SaveAsync(request, reporter, cancellationToken).ConfigureAwait(false);
    }
}
