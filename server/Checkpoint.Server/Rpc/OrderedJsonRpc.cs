using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using ProtocolError = StreamJsonRpc.Protocol.JsonRpcError;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// StreamJsonRpc's <see cref="JsonRpc"/> with our dispatch rules: every incoming message waits for its
/// turn in the readers–writer order (<see cref="MessageOrder"/>) and for admission before StreamJsonRpc
/// invokes its handler; errors are shaped as our clients read them.
/// </summary>
/// <remarks>
/// StreamJsonRpc calls <see cref="DispatchRequestAsync"/> on its reading loop, in arrival order, before
/// it yields: that is where a message takes its turn. A request's turn ends once its response is written
/// (<see cref="SendAsync"/>), so that a serial request is answered before anything after it runs
/// (initialize's answer comes first). <c>$/cancelRequest</c> (StreamJsonRpc's own handler) and responses
/// to our requests never wait.
/// </remarks>
internal sealed class OrderedJsonRpc : JsonRpc, IMessageScreen
{
    // StreamJsonRpc's StandardCancellationStrategy registers and handles it.
    private const string CancelRequestMethod = "$/cancelRequest";

    private readonly LspMessageHandler _handler;
    private readonly IJsonRpcMessageFactory _messages;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IncomingMethod> _methods = new(StringComparer.Ordinal);

    // The handlers StreamJsonRpc knows of: each is added when its first message arrives (on the reading
    // loop, before StreamJsonRpc looks for it), since adding all of them up front, through reflection,
    // cost 3 ms of every start (Native AOT, 30 methods) for methods a session may never call.
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly MessageOrder _order = new();

    // Requests received and not yet answered, with the turn their answer ends (null until dispatched).
    private readonly ConcurrentDictionary<RequestId, MessageOrder.Turn?> _unanswered = new();

    // Our requests to the client still waiting for their response.
    private readonly ConcurrentDictionary<RequestId, bool> _awaitingClient = new();
    private long _lastOutgoingId;

    public OrderedJsonRpc(LspMessageHandler handler, IJsonRpcMessageFactory messages, ILogger logger)
        : base(handler)
    {
        _handler = handler;
        _messages = messages;
        _logger = logger;
        handler.Screen = this;

        // Handlers run on the thread pool; MessageOrder, not a single-threaded context, orders them.
        SynchronizationContext = null;
        CancelLocallyInvokedMethodsWhenConnectionIsClosed = true;
        AllowModificationWhileListening = true;

        // Our logger reports what matters; StreamJsonRpc's trace would only add formatting work.
        TraceSource = new TraceSource(nameof(OrderedJsonRpc), SourceLevels.Off);
    }

    /// <summary>Consulted before each incoming message is handled (after the serial messages before it).</summary>
    public MessageAdmission? Admission { get; set; }

    /// <summary>How long the end of the input waits for the messages already received.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Registers a handler (before listening).</summary>
    public void Register(IncomingMethod method)
    {
        if (!_methods.TryAdd(method.Name, method))
        {
            throw new InvalidOperationException($"A handler for '{method.Name}' is already registered.");
        }
    }

    /// <summary>Sends a request to the client; its result as it came (a JSON value).</summary>
    /// <exception cref="JsonRpcException">The client answered with an error.</exception>
    public async Task<JsonElement> RequestAsync(string method, JsonPayload? parameters, CancellationToken cancellationToken)
    {
        var id = new RequestId(Interlocked.Increment(ref _lastOutgoingId));
        _awaitingClient[id] = true;
        Task<JsonElement> answer = InvokeCoreAsync<JsonElement>(id, method, parameters is null ? null : [parameters], null, null, cancellationToken, isParameterObject: true);
        try
        {
            // StreamJsonRpc sends $/cancelRequest on cancellation but waits for the client's answer to it; we
            // stop waiting at once (a late answer is still matched and dropped).
            return await answer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionLostException exception)
        {
            throw new OperationCanceledException("The connection closed before the client answered.", exception);
        }
        catch (RemoteRpcException exception)
        {
            throw new JsonRpcException((int)(exception.ErrorCode ?? (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError), exception.Message, exception.DeserializedErrorData as JsonElement?);
        }
        finally
        {
            if (!answer.IsCompleted)
            {
                _ = answer.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends a notification to the client.</summary>
    public Task NotifyAsync(string method, JsonPayload? parameters) =>
        InvokeCoreAsync<object>(RequestId.NotSpecified, method, parameters is null ? null : [parameters], null, null, CancellationToken.None, isParameterObject: true);

    /// <inheritdoc />
    bool IMessageScreen.Admit(JsonRpcMessage message)
    {
        switch (message)
        {
            case JsonRpcRequest { IsResponseExpected: true } request:
                if (!_unanswered.TryAdd(request.RequestId, null))
                {
                    _ = _handler.RefuseAsync(new RefusedMessage.Error(request.RequestId, JsonRpcErrorCodes.InvalidRequest, $"Invalid request: id {request.RequestId} belongs to a request still running."), null, CancellationToken.None);
                    return false;
                }

                return IsDispatched(request);
            case JsonRpcRequest notification:
                return IsDispatched(notification);
            case IJsonRpcMessageWithId response when _awaitingClient.TryRemove(response.RequestId, out _):
                return true;
            case IJsonRpcMessageWithId response:
                _logger.LogWarning("Ignored a response with id {Id}: no request of ours is waiting for it.", response.RequestId);
                return false;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    async Task IMessageScreen.DrainAsync(CancellationToken cancellationToken) =>
        await Task.WhenAny(_order.Idle, Task.Delay(DrainTimeout, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        if (!_methods.TryGetValue(request.Method!, out IncomingMethod? method))
        {
            return await base.DispatchRequestAsync(request, targetMethod, cancellationToken).ConfigureAwait(false);
        }

        MessageOrder.Turn turn = _order.Enter(method.Scheduling);
        bool endsWithAnswer = request.IsResponseExpected;
        if (endsWithAnswer)
        {
            _unanswered[request.RequestId] = turn;
        }

        try
        {
            await turn.Ready.ConfigureAwait(false);
            if (Refusal(request, method) is { } refusal)
            {
                return refusal;
            }

            // Cancelled while it waited for its turn: it never runs.
            if (cancellationToken.IsCancellationRequested)
            {
                return Error(request.RequestId, JsonRpcErrorCodes.RequestCancelled, "Request cancelled.");
            }

            return await base.DispatchRequestAsync(request, targetMethod, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!endsWithAnswer)
            {
                turn.End();
            }
        }
    }

    /// <inheritdoc />
    protected override async ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await base.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (message is IJsonRpcMessageWithId answer and not JsonRpcRequest && _unanswered.TryRemove(answer.RequestId, out MessageOrder.Turn? turn))
            {
                turn?.End();
            }
        }
    }

    /// <inheritdoc />
    protected override ProtocolError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        if (exception is JsonRpcException error)
        {
            _logger.LogDebug("Request '{Method}' ({Id}) answered with error {Code}: {Message}", request.Method, request.RequestId, error.Code, error.Message);
            return new ProtocolError.ErrorDetail { Code = (JsonRpcErrorCode)error.Code, Message = error.Message, Data = error.Data };
        }

        _logger.LogError(exception, "Request '{Method}' ({Id}) failed.", request.Method, request.RequestId);
        return new ProtocolError.ErrorDetail { Code = (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError, Message = exception.Message };
    }

    // The data of an error from the client is kept as it came.
    /// <inheritdoc />
    protected override Type? GetErrorDetailsDataType(ProtocolError error) => typeof(JsonElement);

    // A message that is not dispatched to a registered handler still takes its turn, so that it is answered
    // in order and refused before initialize like any other.
    private bool IsDispatched(JsonRpcRequest request)
    {
        string name = request.Method!;
        if (name == CancelRequestMethod)
        {
            return true;
        }

        if (_methods.TryGetValue(name, out IncomingMethod? method))
        {
            if (_known.Add(name))
            {
                // StreamJsonRpc binds the whole params object to the one parameter, as it came.
                AddLocalRpcMethod(IncomingMethod.Target, method, new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
            }

            return true;
        }

        MessageOrder.Turn turn = _order.Enter(HandlerScheduling.Concurrent);
        _ = AnswerUnhandledAsync(request, turn);
        return false;
    }

    private async Task AnswerUnhandledAsync(JsonRpcRequest request, MessageOrder.Turn turn)
    {
        try
        {
            await turn.Ready.ConfigureAwait(false);
            if (Refusal(request, method: null) is { } refusal && request.IsResponseExpected)
            {
                await SendAsync(refusal, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or ConnectionLostException)
        {
            _logger.LogDebug(exception, "Could not answer '{Method}'; the client is gone.", request.Method);
        }
        finally
        {
            turn.End();
        }
    }

    // The answer to a message that may not run (now, or at all); null when it may.
    private ProtocolError? Refusal(JsonRpcRequest request, IncomingMethod? method)
    {
        string name = request.Method!;
        bool isRequest = request.IsResponseExpected;
        if (Admission?.Invoke(name, isRequest) is { } refused)
        {
            if (!isRequest)
            {
                _logger.LogDebug("Dropped notification '{Method}': {Reason}", name, refused.Message);
            }

            return Error(request.RequestId, refused.Code, refused.Message, refused.Data);
        }

        if (method?.IsRequest == isRequest)
        {
            return null;
        }

        if (!isRequest && !name.StartsWith("$/", StringComparison.Ordinal))
        {
            // "$/" notifications are optional by protocol; anything else unhandled is worth knowing.
            _logger.LogWarning("No handler for notification '{Method}'; ignored.", name);
        }

        return Error(request.RequestId, JsonRpcErrorCodes.MethodNotFound, $"Method not found: '{name}'.");
    }

    private ProtocolError Error(RequestId id, int code, string message, JsonElement? data = null)
    {
        ProtocolError error = _messages.CreateErrorMessage();
        error.RequestId = id;
        error.Error = new ProtocolError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message, Data = data };
        return error;
    }
}
