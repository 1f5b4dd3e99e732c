using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Lsp.Progress;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/push</c>: the CLI's <c>push</c>, with work-done progress and cancellation.</summary>
internal sealed class PushHandler(Lazy<CheckpointWorkspace> workspace, WorkDoneProgressFactory progressFactory)
{
    public async ValueTask<TransferResult> HandleAsync(TransferParams parameters, CancellationToken cancellationToken)
    {
        await using var progress = await EngineProgress.BeginAsync(progressFactory, "Pushing checkpoints", parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        return await progress.RunAsync(token => workspace.Value.Engine.PushAsync(parameters.ToRequest(workspace.Value.NotesFolder), progress, token)).ConfigureAwait(false);
    }
}

/// <summary><c>checkpoint/pull</c>: the CLI's <c>pull</c>, with work-done progress and cancellation.</summary>
internal sealed class PullHandler(Lazy<CheckpointWorkspace> workspace, WorkDoneProgressFactory progressFactory)
{
    public async ValueTask<TransferResult> HandleAsync(TransferParams parameters, CancellationToken cancellationToken)
    {
        await using var progress = await EngineProgress.BeginAsync(progressFactory, "Pulling checkpoints", parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        return await progress.RunAsync(token => workspace.Value.Engine.PullAsync(parameters.ToRequest(workspace.Value.NotesFolder) with { WithNotes = false }, progress, token)).ConfigureAwait(false);
    }
}

/// <summary><c>checkpoint/remotes</c>: the CLI's <c>remote list</c>.</summary>
internal sealed class RemotesHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<RemoteListResult> HandleAsync(RemoteCheckpointsParams parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(workspace.Value.Engine.ListRemotes());
}

/// <summary><c>checkpoint/remoteCheckpoints</c>: what a remote has, for the Snapshots tree's remote-only entries.</summary>
internal sealed class RemoteCheckpointsHandler(Lazy<CheckpointWorkspace> workspace)
{
    public async ValueTask<RemoteCheckpointsResult> HandleAsync(RemoteCheckpointsParams parameters, CancellationToken cancellationToken) =>
        await workspace.Value.Engine.RemoteCheckpointsAsync(parameters.Remote, cancellationToken).ConfigureAwait(false);
}
