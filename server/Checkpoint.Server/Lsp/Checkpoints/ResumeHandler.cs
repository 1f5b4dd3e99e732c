using Checkpoint.Core;
using Checkpoint.Server.Lsp.Progress;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/resume</c>: the CLI's <c>resume</c>, with work-done progress.</summary>
internal sealed class ResumeHandler(Lazy<CheckpointWorkspace> workspace, WorkDoneProgressFactory progressFactory)
{
    public async ValueTask<ResumeResult> HandleAsync(ResumeParams parameters, CancellationToken cancellationToken)
    {
        var request = parameters.ToRequest(workspace.Value.Root);
        var title = request.DryRun ? $"Previewing resume of {request.Checkpoint.Name}" : $"Resuming {request.Checkpoint.Name}";
        await using var progress = await EngineProgress.BeginAsync(progressFactory, title, parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        return await progress.RunAsync(token => workspace.Value.Engine.ResumeAsync(request, progress, token)).ConfigureAwait(false);
    }
}
