using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// JSON-RPC 2.0 over the LSP base protocol on a pair of pipes. Register handlers, then
/// <see cref="RunAsync"/> until the input ends or <see cref="Stop"/> is called.
/// </summary>
/// <remarks>
/// Ordering (<see cref="HandlerScheduling"/>): a readers–writer rule in arrival order. Every
/// message starts only after the serial messages that arrived before it have finished, so a
/// request sees the document changes sent before it; a serial message also waits for the
/// concurrent ones before it, so it never changes state under a running reader. Concurrent
/// messages run in parallel with each other. <c>$/cancelRequest</c> and responses to our own
/// requests are handled on the reading loop itself and never wait.
/// </remarks>
public sealed partial class JsonRpcConnection : IJsonRpcConnection, IDisposable
{
    private const string CancelRequestMethod = "$/cancelRequest";

    private readonly LspFrameReader _frames;
    private readonly LspFrameWriter _writer;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, IncomingHandler> _requestHandlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IncomingHandler> _notificationHandlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<JsonRpcId, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<JsonRpcId, PendingResponse> _awaitingPeer = new();
    private readonly ConcurrentDictionary<Task, bool> _answering = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MessageAdmission? _admission;
    private long _lastOutgoingId;

    // Completes when every serial message received so far has been handled; never faults.
    private Task _serialTail = Task.CompletedTask;

    // The concurrent messages received since the last serial one; the next serial one waits for them.
    private readonly List<Task> _concurrentSinceSerial = [];

    /// <summary>Creates a connection reading frames from <paramref name="input"/> and writing to <paramref name="output"/>.</summary>
    public JsonRpcConnection(PipeReader input, PipeWriter output, ILogger logger)
    {
        _frames = new LspFrameReader(input);
        _writer = new LspFrameWriter(output);
        _logger = logger;
    }

    /// <summary>Creates a connection over streams (stdin/stdout of the server process).</summary>
    public static JsonRpcConnection Create(Stream input, Stream output, ILogger logger) =>
        new(PipeReader.Create(input), PipeWriter.Create(output), logger);

    /// <inheritdoc />
    public CancellationToken Closing => _closing.Token;

    /// <summary>How long <see cref="RunAsync"/> lets handlers finish once the input has ended, and again once they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public void OnRequest<TResult>(
        string method,
        JsonTypeInfo<TResult> resultType,
        Func<JsonElement?, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        OnRequest(method, () => resultType, handler, scheduling);

    /// <inheritdoc />
    public void OnRequest<TResult>(
        string method,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<JsonElement?, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent)
    {
        AddHandler(_requestHandlers, method, new IncomingHandler(
            async (parameters, token) =>
            {
                TResult result = await handler(parameters, token).ConfigureAwait(false);
                return writer => JsonSerializer.Serialize(writer, result, resultType());
            },
            scheduling));
    }

    /// <inheritdoc />
    public void OnRequest<TParams, TResult>(
        string method,
        JsonTypeInfo<TParams> paramsType,
        JsonTypeInfo<TResult> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        OnRequest(method, () => paramsType, () => resultType, handler, scheduling);

    /// <inheritdoc />
    public void OnRequest<TParams, TResult>(
        string method,
        Func<JsonTypeInfo<TParams>> paramsType,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent)
    {
        AddHandler(_requestHandlers, method, new IncomingHandler(
            async (parameters, token) =>
            {
                TParams typed = ReadParams(method, parameters, paramsType());
                TResult result = await handler(typed, token).ConfigureAwait(false);
                return writer => JsonSerializer.Serialize(writer, result, resultType());
            },
            scheduling));
    }

    /// <inheritdoc />
    public void OnRequest(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent)
    {
        AddHandler(_requestHandlers, method, new IncomingHandler(
            async (parameters, token) =>
            {
                await handler(parameters, token).ConfigureAwait(false);
                return null;
            },
            scheduling));
    }

    /// <inheritdoc />
    public void OnNotification(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent)
    {
        AddHandler(_notificationHandlers, method, new IncomingHandler(
            async (parameters, token) =>
            {
                await handler(parameters, token).ConfigureAwait(false);
                return null;
            },
            scheduling));
    }

    /// <inheritdoc />
    public void OnNotification<TParams>(
        string method,
        JsonTypeInfo<TParams> paramsType,
        Func<TParams, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent)
    {
        AddHandler(_notificationHandlers, method, new IncomingHandler(
            async (parameters, token) =>
            {
                await handler(ReadParams(method, parameters, paramsType), token).ConfigureAwait(false);
                return null;
            },
            scheduling));
    }

    /// <inheritdoc />
    public void UseAdmission(MessageAdmission admission) => _admission = admission;

    /// <inheritdoc />
    public ValueTask SendNotificationAsync<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> paramsType, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(JsonRpcEnvelope.Notification(method, PayloadOf(parameters, paramsType)), cancellationToken);

    /// <inheritdoc />
    public async Task<TResult> SendRequestAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsType,
        JsonTypeInfo<TResult> resultType,
        CancellationToken cancellationToken = default)
    {
        var id = new JsonRpcId(Interlocked.Increment(ref _lastOutgoingId));
        var pending = new PendingResponse<TResult>(resultType);
        _awaitingPeer[id] = pending;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        using CancellationTokenRegistration registration = stopWaiting.Token.Register(() => pending.Cancel(stopWaiting.Token));
        bool sent = false;
        try
        {
            await _writer.WriteAsync(JsonRpcEnvelope.Request(id, method, PayloadOf(parameters, paramsType)), stopWaiting.Token).ConfigureAwait(false);
            sent = true;
            return await pending.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (sent && cancellationToken.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            PostCancelRequest(id);
            throw;
        }
        finally
        {
            _awaitingPeer.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Reads and dispatches messages until the input ends, <see cref="Stop"/> is called or
    /// <paramref name="cancellationToken"/> fires. At the end of the input the messages already
    /// received are still handled (for up to <see cref="DrainTimeout"/>); on Stop the running
    /// handlers are cancelled at once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using CancellationTokenRegistration stopOnCancel = cancellationToken.Register(Stop);
        Task reading = ReadLoopAsync();

        // A blocking stdin read cannot be interrupted; Stop must not wait for it.
        Task first = await Task.WhenAny(reading, _stopped.Task).ConfigureAwait(false);
        if (first == reading)
        {
            await Task.WhenAny(Task.WhenAll(_answering.Keys), _stopped.Task, Task.Delay(DrainTimeout, CancellationToken.None)).ConfigureAwait(false);
        }

        Stop();
        await Task.WhenAny(Task.WhenAll(_answering.Keys), Task.Delay(DrainTimeout, CancellationToken.None)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (_stopped.TrySetResult())
        {
            _closing.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _closing.Dispose();
        _writer.Dispose();
    }

    private static void AddHandler(ConcurrentDictionary<string, IncomingHandler> handlers, string method, IncomingHandler handler)
    {
        if (!handlers.TryAdd(method, handler))
        {
            throw new InvalidOperationException($"A handler for '{method}' is already registered.");
        }
    }

    private static TParams ReadParams<TParams>(string method, JsonElement? parameters, JsonTypeInfo<TParams> paramsType)
    {
        if (parameters is not { ValueKind: not JsonValueKind.Null } element)
        {
            throw new JsonRpcException(JsonRpcErrorCodes.InvalidParams, $"'{method}' requires params.");
        }

        try
        {
            return element.Deserialize(paramsType)
                ?? throw new JsonRpcException(JsonRpcErrorCodes.InvalidParams, $"'{method}' requires params.");
        }
        catch (JsonException exception)
        {
            throw new JsonRpcException(JsonRpcErrorCodes.InvalidParams, $"Invalid params for '{method}': {exception.Message}");
        }
    }

    private static JsonRpcEnvelope.PayloadWriter? PayloadOf<T>(T value, JsonTypeInfo<T> type) =>
        value is null ? null : writer => JsonSerializer.Serialize(writer, value, type);
}
