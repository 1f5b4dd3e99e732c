using Checkpoint.Core;
using Checkpoint.Server.Lsp.Progress;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/verify</c>: the CLI's <c>verify</c>, with work-done progress.</summary>
internal sealed class VerifyHandler(Lazy<CheckpointWorkspace> workspace, WorkDoneProgressFactory progressFactory)
{
    public async ValueTask<VerifyResult> HandleAsync(VerifyParams parameters, CancellationToken cancellationToken)
    {
        await using var progress = await EngineProgress.BeginAsync(progressFactory, "Verifying checkpoints", parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        return await progress.RunAsync(token => workspace.Value.Engine.VerifyAsync(parameters.Name, parameters.Timestamp, progress, token, parameters.Deep ?? false)).ConfigureAwait(false);
    }
}
