using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/verify</c>: the CLI's <c>verify</c>, with work-done progress.</summary>
internal sealed class VerifyHandler(CheckpointWorkspace workspace, ProgressStarter progress)
{
    public async ValueTask<VerifyResult> HandleAsync(VerifyParams parameters, CancellationToken cancellationToken)
    {
        await using var reporter = await progress.BeginAsync(parameters.WorkDoneToken, "Verifying checkpoints", cancellationToken).ConfigureAwait(false);
        return await workspace.Engine.VerifyAsync(parameters.Name, parameters.Timestamp, reporter, cancellationToken).ConfigureAwait(false);
    }
}
