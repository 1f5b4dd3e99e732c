using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Progress;

/// <summary>
/// Connects a long engine operation to work-done progress: the engine's per-file
/// <see cref="OperationProgress"/> becomes <c>$/progress</c> reports (only when the phase or the
/// percentage changes, so a 10,000-file save sends at most a few hundred), and the progress's cancel
/// button cancels the operation just like <c>$/cancelRequest</c> does.
/// </summary>
internal sealed class EngineProgress : IProgress<OperationProgress>, IAsyncDisposable
{
    private readonly WorkDoneProgress _progress;
    private readonly CancellationTokenSource _cancellation;
    private readonly Lock _gate = new();
    private (string Phase, int Percentage)? _lastReported;

    private EngineProgress(WorkDoneProgress progress, CancellationToken requestCancelled)
    {
        _progress = progress;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestCancelled, progress.CancelledByUser);
    }

    /// <summary>Begins progress titled <paramref name="title"/> on the client's token, or a created one.</summary>
    public static async Task<EngineProgress> BeginAsync(
        WorkDoneProgressFactory factory, string title, JsonElement? clientToken, CancellationToken requestCancelled)
    {
        var progress = await factory.BeginAsync(title, clientToken, cancellable: true, requestCancelled).ConfigureAwait(false);
        return new EngineProgress(progress, requestCancelled);
    }

    /// <summary>
    /// Runs the operation with a token cancelled by either the request or the user's cancel button;
    /// a cancel by the button is answered like a cancelled request (-32800).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return await operation(_cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_progress.CancelledByUser.IsCancellationRequested)
        {
            throw new JsonRpcException(JsonRpcErrorCodes.RequestCancelled, "Cancelled by the user.");
        }
    }

    /// <inheritdoc />
    public void Report(OperationProgress value)
    {
        var percentage = value.Total <= 0 ? 0 : (int)Math.Clamp(value.Done * 100 / value.Total, 0, 100);
        lock (_gate)
        {
            if (_lastReported == (value.Phase, percentage))
            {
                return;
            }

            _lastReported = (value.Phase, percentage);
        }

        var message = value.Total > 0 ? $"{value.Phase} {value.Done}/{value.Total}" : value.Phase;
        _progress.Report(new WorkDoneProgressUpdate(message, value.Total > 0 ? percentage : null));
    }

    /// <summary>Ends the progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await _progress.DisposeAsync().ConfigureAwait(false);
        _cancellation.Dispose();
    }
}
