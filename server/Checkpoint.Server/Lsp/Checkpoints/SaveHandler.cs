using Checkpoint.Core;
using Checkpoint.Server.Lsp.Progress;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/save</c>: the CLI's <c>save</c>, with work-done progress.</summary>
internal sealed class SaveHandler(Lazy<CheckpointWorkspace> workspace, WorkDoneProgressFactory progressFactory)
{
    public async ValueTask<SaveResult> HandleAsync(SaveParams parameters, CancellationToken cancellationToken)
    {
        var request = parameters.ToRequest(workspace.Value.Root);
        await using var progress = await EngineProgress.BeginAsync(progressFactory, $"Saving checkpoint {request.Name}", parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        return await progress.RunAsync(token => workspace.Value.Engine.SaveAsync(request, progress, token)).ConfigureAwait(false);
    }
}
