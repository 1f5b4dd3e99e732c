using System.Text.Json;
using System.Threading.Channels;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Work-done progress (<c>$/progress</c> begin/report/end) for one long request. Uses the token the
/// client put in the request's params when it gave one; otherwise asks the client for a new one with
/// <c>window/workDoneProgress/create</c> — only when the client said it supports that. Without either,
/// it reports nothing. Engine progress arrives per file; it is forwarded only when the percentage or
/// the phase changes, in order, without making the engine wait for the wire.
/// </summary>
internal sealed class WorkDoneProgress : IProgress<OperationProgress>, IAsyncDisposable
{
    private readonly IJsonRpcConnection _connection;
    private readonly JsonElement _token;
    private readonly Channel<WorkDoneProgressValue> _pending = Channel.CreateUnbounded<WorkDoneProgressValue>(new() { SingleReader = true });
    private readonly Task _sending;
    private readonly Lock _gate = new();
    private (string Phase, int Percentage)? _lastReported;

    private WorkDoneProgress(IJsonRpcConnection connection, JsonElement token, string title)
    {
        _connection = connection;
        _token = token;
        _pending.Writer.TryWrite(new WorkDoneProgressValue { Kind = "begin", Title = title, Cancellable = true, Percentage = 0 });
        _sending = SendAllAsync();
    }

    /// <summary>
    /// Starts progress titled <paramref name="title"/>; null when there is no token to report on
    /// (neither given by the client nor creatable).
    /// </summary>
    public static async Task<WorkDoneProgress?> BeginAsync(
        IJsonRpcConnection connection, bool clientCanCreateTokens, JsonElement? clientToken, string title, CancellationToken cancellationToken)
    {
        if (clientToken is { ValueKind: JsonValueKind.String or JsonValueKind.Number } given)
        {
            return new WorkDoneProgress(connection, given.Clone(), title);
        }

        if (!clientCanCreateTokens)
        {
            return null;
        }

        var token = JsonSerializer.SerializeToElement($"checkpoint/{Guid.NewGuid():N}", LspFeatureJsonContext.Default.String);
        try
        {
            await connection.SendRequestAsync(
                "window/workDoneProgress/create",
                new WorkDoneProgressCreateParams(token),
                LspFeatureJsonContext.Default.WorkDoneProgressCreateParams,
                LspFeatureJsonContext.Default.JsonElement,
                cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException)
        {
            // The client refused the token: the request still runs, just without a progress bar.
            return null;
        }

        return new WorkDoneProgress(connection, token, title);
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

        _pending.Writer.TryWrite(new WorkDoneProgressValue
        {
            Kind = "report",
            Message = value.Total > 0 ? $"{value.Phase} {value.Done}/{value.Total}" : value.Phase,
            Percentage = percentage,
        });
    }

    /// <summary>Sends <c>end</c> after everything reported so far.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryWrite(new WorkDoneProgressValue { Kind = "end" });
        _pending.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
    }

    private async Task SendAllAsync()
    {
        await foreach (var value in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _connection.SendNotificationAsync(
                    "$/progress",
                    new ProgressParams(_token, value),
                    LspFeatureJsonContext.Default.ProgressParams).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The client is gone; the request's own answer will fail the same way.
                return;
            }
        }
    }
}
