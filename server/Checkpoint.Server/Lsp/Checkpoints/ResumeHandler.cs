using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/resume</c>: the CLI's <c>resume</c>, with work-done progress.</summary>
internal sealed class ResumeHandler(CheckpointWorkspace workspace, ProgressStarter progress)
{
    public async ValueTask<ResumeResult> HandleAsync(ResumeParams parameters, CancellationToken cancellationToken)
    {
        var request = parameters.ToRequest(workspace.Root);
        var title = request.DryRun ? $"Previewing resume of {request.Checkpoint.Name}" : $"Resuming {request.Checkpoint.Name}";
        await using var reporter = await progress.BeginAsync(parameters.WorkDoneToken, title, cancellationToken).ConfigureAwait(false);
        return await workspace.Engine.ResumeAsync(request, reporter, cancellationToken).ConfigureAwait(false);
    }
}
