namespace Checkpoint.Server.Lsp.Progress;

/// <summary>window/workDoneProgress/cancel: the user pressed cancel on a progress we began.</summary>
internal sealed class WorkDoneProgressCancelHandler(WorkDoneProgressFactory progress)
{
    public const string Method = "window/workDoneProgress/cancel";

    public ValueTask HandleAsync(WorkDoneProgressTokenParams parameters, CancellationToken cancellationToken)
    {
        progress.CancelByUser(parameters.Token);
        return ValueTask.CompletedTask;
    }
}
