using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using ProtocolError = StreamJsonRpc.Protocol.JsonRpcError;

namespace Checkpoint.Server.Rpc;

// The dispatch rules: every incoming message waits for its turn in the readers–writer order
// (MessageOrder) and for admission before StreamJsonRpc invokes its handler; errors are shaped as our
// clients read them.
//
// StreamJsonRpc calls DispatchRequestAsync on its reading loop, in arrival order, before it yields: that is
// where a message takes its turn. A request's turn ends once its response is written (SendAsync), so that
// a serial request is answered before anything after it runs (initialize's answer comes first).
// $/cancelRequest (StreamJsonRpc's own handler) and responses to our requests never wait.
public sealed partial class JsonRpcConnection : IMessageScreen
{
    // StreamJsonRpc's StandardCancellationStrategy registers and handles it.
    private const string CancelRequestMethod = "$/cancelRequest";

    private readonly LspMessageHandler _handler;
    private readonly IJsonRpcMessageFactory _messages;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IncomingMethod> _methods = new(StringComparer.Ordinal);
    private readonly MessageOrder _order = new();

    // Requests received and not yet answered, with the turn their answer ends (null until dispatched).
    private readonly ConcurrentDictionary<RequestId, MessageOrder.Turn?> _unanswered = new();

    // Our requests to the client still waiting for their response.
    private readonly ConcurrentDictionary<RequestId, bool> _awaitingClient = new();
    private MessageAdmission? _admission;

    private void Register(IncomingMethod method)
    {
        if (!_methods.TryAdd(method.Name, method))
        {
            throw new InvalidOperationException($"A handler for '{method.Name}' is already registered.");
        }

        // StreamJsonRpc binds the whole params object to the one parameter, as it came.
        AddLocalRpcMethod(IncomingMethod.Target, method, new JsonRpcMethodAttribute(method.Name) { UseSingleObjectParameterDeserialization = true });
    }

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
        await Task.WhenAny(_order.Idle(), Task.Delay(DrainTimeout, cancellationToken)).ConfigureAwait(false);

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
        if (request.Method == CancelRequestMethod || _methods.ContainsKey(request.Method!))
        {
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
        if (_admission?.Invoke(name, isRequest) is { } refused)
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
