using System.Collections.Concurrent;
using System.Text.Json;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Progress;

/// <summary>
/// Begins work-done progress for long operations: with the client's own <c>workDoneToken</c> when
/// the request carried one, else with a token created through window/workDoneProgress/create —
/// only when the client advertised <c>window.workDoneProgress</c>.
/// </summary>
public sealed class WorkDoneProgressFactory(IJsonRpcConnection connection, ClientSession session, ILogger<WorkDoneProgressFactory> logger)
{
    private const string CreateMethod = "window/workDoneProgress/create";

    private readonly ConcurrentDictionary<string, WorkDoneProgress> _running = new(StringComparer.Ordinal);
    private long _lastToken;

    /// <summary>Sends begin and returns the progress to report on; dispose it to send end.</summary>
    /// <param name="title">Shown as the operation's title.</param>
    /// <param name="clientToken">The request's <c>workDoneToken</c>, when it had one.</param>
    /// <param name="cancellable">Offer a cancel button (observe <see cref="WorkDoneProgress.CancelledByUser"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the client to accept the token.</param>
    public async Task<WorkDoneProgress> BeginAsync(string title, JsonElement? clientToken = null, bool cancellable = false, CancellationToken cancellationToken = default)
    {
        JsonElement token;
        if (clientToken is { ValueKind: JsonValueKind.String or JsonValueKind.Number } given)
        {
            token = given;
        }
        else if (session.SupportsWorkDoneProgress)
        {
            token = JsonSerializer.SerializeToElement($"checkpoint-{Interlocked.Increment(ref _lastToken)}", LspJsonContext.Default.String);
            try
            {
                await connection.SendRequestAsync(CreateMethod, new WorkDoneProgressTokenParams { Token = token }, LspJsonContext.Default.WorkDoneProgressTokenParams, LspJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonRpcException exception)
            {
                logger.LogDebug("The client refused a progress token: {Message}", exception.Message);
                return new WorkDoneProgress(null, token, null);
            }
        }
        else
        {
            return new WorkDoneProgress(null, default, null);
        }

        string key = token.GetRawText();
        var progress = new WorkDoneProgress(connection, token, () => _running.TryRemove(key, out _));
        _running[key] = progress;
        progress.Begin(new WorkDoneProgressValue { Kind = "begin", Title = title, Cancellable = cancellable });
        return progress;
    }

    /// <summary>window/workDoneProgress/cancel: the user cancelled the progress with this token.</summary>
    internal void CancelByUser(JsonElement token)
    {
        if (_running.TryGetValue(token.GetRawText(), out WorkDoneProgress? progress))
        {
            progress.CancelByUser();
        }
    }
}
