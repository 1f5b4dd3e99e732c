using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Progress;

/// <summary>One step of progress: a message and/or a percentage (0–100).</summary>
public readonly record struct WorkDoneProgressUpdate(string? Message, int? Percentage = null);

/// <summary>
/// A running work-done progress (begun by <see cref="WorkDoneProgressFactory"/>). Report updates
/// through <see cref="IProgress{T}"/>; disposing ends it. Updates go out in the order reported.
/// When the client cannot show progress, updates are dropped and nothing is sent.
/// </summary>
public sealed class WorkDoneProgress : IProgress<WorkDoneProgressUpdate>, IAsyncDisposable
{
    private const string ProgressMethod = "$/progress";

    private readonly IJsonRpcConnection? _connection;
    private readonly JsonElement _token;
    private readonly Action? _onEnd;
    private readonly CancellationTokenSource _cancelledByUser = new();
    private readonly Lock _order = new();
    private Task _lastSend = Task.CompletedTask;
    private bool _ended;

    internal WorkDoneProgress(IJsonRpcConnection? connection, JsonElement token, Action? onEnd)
    {
        _connection = connection;
        _token = token;
        _onEnd = onEnd;
    }

    /// <summary>Cancelled when the user presses the progress's cancel button (window/workDoneProgress/cancel).</summary>
    public CancellationToken CancelledByUser => _cancelledByUser.Token;

    /// <summary>The progress token, for logging and tests.</summary>
    public JsonElement Token => _token;

    /// <inheritdoc />
    public void Report(WorkDoneProgressUpdate value) =>
        Enqueue(new WorkDoneProgressValue { Kind = "report", Message = value.Message, Percentage = value.Percentage });

    /// <summary>Ends the progress with an optional final message; later reports are dropped.</summary>
    public Task EndAsync(string? message = null)
    {
        lock (_order)
        {
            if (_ended)
            {
                return _lastSend;
            }

            EnqueueLocked(new WorkDoneProgressValue { Kind = "end", Message = message });
            _ended = true;
        }

        _onEnd?.Invoke();
        return _lastSend;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await EndAsync().ConfigureAwait(false);
        _cancelledByUser.Dispose();
    }

    internal void Begin(WorkDoneProgressValue begin) => Enqueue(begin);

    internal void CancelByUser()
    {
        try
        {
            _cancelledByUser.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }
    }

    private void Enqueue(WorkDoneProgressValue value)
    {
        lock (_order)
        {
            if (!_ended)
            {
                EnqueueLocked(value);
            }
        }
    }

    // Each send starts after the previous one: $/progress values must not overtake each other.
    private void EnqueueLocked(WorkDoneProgressValue value)
    {
        if (_connection is not null)
        {
            _lastSend = SendAfterAsync(_lastSend, value);
        }
    }

    private async Task SendAfterAsync(Task previous, WorkDoneProgressValue value)
    {
        await previous.ConfigureAwait(false);
        try
        {
            var parameters = new WorkDoneProgressParams { Token = _token, Value = value };
            await _connection!.SendNotificationAsync(ProgressMethod, parameters, LspJsonContext.Default.WorkDoneProgressParams).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone; progress is best effort.
        }
    }
}
