using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// JSON-RPC 2.0 over the LSP base protocol on a pair of pipes: StreamJsonRpc's <see cref="JsonRpc"/>
/// with our dispatch rules. Register handlers, then <see cref="RunAsync"/> until the input ends or
/// <see cref="Stop"/> is called.
/// </summary>
/// <remarks>
/// StreamJsonRpc reads and writes the messages (<see cref="SystemTextJsonFormatter"/> in a
/// <see cref="HeaderDelimitedMessageHandler"/>), invokes the handlers, correlates our requests with their
/// responses and cancels both ways with <c>$/cancelRequest</c>. Ours: recovering from bad input
/// (<see cref="LspMessageHandler"/>), the dispatch order and admission (JsonRpcConnection.Dispatch.cs), and
/// typed params and results through our source-generated contexts (<see cref="JsonPayload"/>).
/// </remarks>
public sealed partial class JsonRpcConnection : JsonRpc, IJsonRpcConnection
{
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastOutgoingId;

    /// <summary>Creates a connection reading frames from <paramref name="input"/> and writing to <paramref name="output"/>.</summary>
    public JsonRpcConnection(PipeReader input, PipeWriter output, ILogger logger)
        : this(new LspMessageHandler(output, input, CreateFormatter(), logger), logger)
    {
    }

    private JsonRpcConnection(LspMessageHandler handler, ILogger logger)
        : base(handler)
    {
        _handler = handler;
        _messages = (IJsonRpcMessageFactory)handler.Formatter;
        _logger = logger;
        handler.Screen = this;

        // Handlers run on the thread pool; the dispatch order, not a single-threaded context, orders them.
        SynchronizationContext = null;
        CancelLocallyInvokedMethodsWhenConnectionIsClosed = true;

        // Our logger reports what matters; StreamJsonRpc's trace would only add formatting work.
        TraceSource.Switch.Level = SourceLevels.Off;
        Disconnected += (_, disconnected) =>
        {
            _logger.LogDebug("The connection closed ({Reason}): {Description}", disconnected.Reason, disconnected.Description);
            Stop();
        };
    }

    /// <summary>Creates a connection over streams (stdin/stdout of the server process).</summary>
    public static JsonRpcConnection Create(Stream input, Stream output, ILogger logger) =>
        new(PipeReader.Create(input), PipeWriter.Create(output), logger);

    /// <inheritdoc />
    public CancellationToken Closing => _closing.Token;

    /// <summary>How long the end of the input lets the messages already received finish before the connection closes.</summary>
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
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        Register(new IncomingMethod(method, isRequest: true, scheduling, async (parameters, token) =>
            JsonPayload.Of(await handler(parameters, token).ConfigureAwait(false), resultType())));

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
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        Register(new IncomingMethod(method, isRequest: true, scheduling, async (parameters, token) =>
            JsonPayload.Of(await handler(ReadParams(method, parameters, paramsType()), token).ConfigureAwait(false), resultType())));

    /// <inheritdoc />
    public void OnRequest(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        Register(new IncomingMethod(method, isRequest: true, scheduling, async (parameters, token) =>
        {
            await handler(parameters, token).ConfigureAwait(false);
            return null;
        }));

    /// <inheritdoc />
    public void OnNotification(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        Register(new IncomingMethod(method, isRequest: false, scheduling, (parameters, _) =>
            HandleNotificationAsync(method, () => handler(parameters, _closing.Token))));

    /// <inheritdoc />
    public void OnNotification<TParams>(
        string method,
        JsonTypeInfo<TParams> paramsType,
        Func<TParams, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent) =>
        Register(new IncomingMethod(method, isRequest: false, scheduling, (parameters, _) =>
            HandleNotificationAsync(method, () => handler(ReadParams(method, parameters, paramsType), _closing.Token))));

    /// <inheritdoc />
    public void UseAdmission(MessageAdmission admission) => _admission = admission;

    /// <inheritdoc />
    public async ValueTask SendNotificationAsync<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> paramsType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await InvokeCoreAsync<object>(RequestId.NotSpecified, method, ParamsOf(parameters, paramsType), null, null, CancellationToken.None, isParameterObject: true).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or ConnectionLostException)
        {
            throw new IOException("The connection is closed.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<TResult> SendRequestAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsType,
        JsonTypeInfo<TResult> resultType,
        CancellationToken cancellationToken = default)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var id = new RequestId(Interlocked.Increment(ref _lastOutgoingId));
        _awaitingClient[id] = true;
        Task<JsonElement> answer;
        try
        {
            answer = InvokeCoreAsync<JsonElement>(id, method, ParamsOf(parameters, paramsType), null, null, stopWaiting.Token, isParameterObject: true);
        }
        catch (ObjectDisposedException exception)
        {
            throw new OperationCanceledException("The connection is closed.", exception, _closing.Token);
        }

        try
        {
            // StreamJsonRpc sends $/cancelRequest on cancellation but waits for the client's answer to it; we
            // stop waiting at once (a late answer is still matched, and dropped).
            return (await answer.WaitAsync(stopWaiting.Token).ConfigureAwait(false)).Deserialize(resultType)!;
        }
        catch (ConnectionLostException exception)
        {
            throw new OperationCanceledException("The connection closed before the client answered.", exception, _closing.Token);
        }
        catch (RemoteRpcException exception)
        {
            throw new JsonRpcException((int)(exception.ErrorCode ?? (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError), exception.Message, exception.DeserializedErrorData as JsonElement?);
        }
        finally
        {
            _ = answer.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
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
        StartListening();

        // A blocking stdin read cannot be interrupted: StreamJsonRpc's completion waits for it, Stop must not.
        await Task.WhenAny(Completion, _stopped.Task).ConfigureAwait(false);
        Stop();
        _ = Completion.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public void Stop() => Dispose();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_stopped.TrySetResult())
        {
            _closing.Cancel();
        }

        base.Dispose(disposing);
    }

    // StreamJsonRpc's formatter is marked as needing reflection because it can serialize any type; ours sees
    // only the types of RpcJsonContext (JsonPayload carries the source-generated type info of every value),
    // which the native executable's runs of Checkpoint.Server.Tests prove, e.g.
    // ServeProcessTests.Initialize_over_stdio_returns_the_capabilities.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only RpcJsonContext's types reach the formatter; see the comment.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only RpcJsonContext's types reach the formatter; see the comment.")]
    private static SystemTextJsonFormatter CreateFormatter() => new()
    {
        JsonSerializerOptions = { TypeInfoResolver = RpcJsonContext.Default },
    };

    private static object?[]? ParamsOf<T>(T parameters, JsonTypeInfo<T> type) =>
        JsonPayload.Of(parameters, type) is { } payload ? [payload] : null;

    private async ValueTask<JsonPayload?> HandleNotificationAsync(string method, Func<ValueTask> handle)
    {
        try
        {
            await handle().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Notification '{Method}' failed.", method);
        }

        return null;
    }

    private static TParams ReadParams<TParams>(string method, JsonElement? parameters, JsonTypeInfo<TParams> paramsType)
    {
        if (parameters is not { } element)
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
}
