using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Rpc;

// The reading side: frames → messages → scheduled handlers → responses.
public sealed partial class JsonRpcConnection
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                LspFrame? frame = await _frames.ReadAsync(_closing.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    _logger.LogDebug("The input ended.");
                    return;
                }

                if (frame.Problem is not null)
                {
                    _logger.LogWarning("Discarded malformed input: {Problem}", frame.Problem);
                    Post(JsonRpcEnvelope.Error(null, new JsonRpcError(JsonRpcErrorCodes.ParseError, $"Parse error: {frame.Problem}")));
                }

                if (frame.Body is not null)
                {
                    Dispatch(frame.Body);
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (IOException exception)
        {
            _logger.LogDebug(exception, "Reading the input failed; closing.");
        }
    }

    private void Dispatch(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            _logger.LogWarning("A message body is not JSON: {Problem}", exception.Message);
            Post(JsonRpcEnvelope.Error(null, new JsonRpcError(JsonRpcErrorCodes.ParseError, $"Parse error: {exception.Message}")));
            return;
        }

        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            Track(AnswerAsync(Accept(root, inBatch: false), document));
            return;
        }

        if (root.GetArrayLength() == 0)
        {
            document.Dispose();
            Post(JsonRpcEnvelope.Error(null, new JsonRpcError(JsonRpcErrorCodes.InvalidRequest, "Invalid request: an empty batch.")));
            return;
        }

        var answers = new List<Task<byte[]?>>();
        foreach (JsonElement message in root.EnumerateArray())
        {
            answers.Add(Accept(message, inBatch: true));
        }

        Track(AnswerBatchAsync(answers, document));
    }

    /// <summary>
    /// Classifies one message and schedules its handling; the task yields the response still to
    /// send, if any. Outside a batch a handler's response is sent before the task completes, so a
    /// serial request is answered before the next message runs (initialize's answer comes first).
    /// </summary>
    private Task<byte[]?> Accept(JsonElement message, bool inBatch)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Refuse(null, JsonRpcErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object.");
        }

        bool hasId = message.TryGetProperty("id"u8, out JsonElement idElement);
        JsonRpcId? id = hasId && JsonRpcId.TryRead(idElement, out JsonRpcId parsed) ? parsed : null;

        if (!message.TryGetProperty("jsonrpc"u8, out JsonElement version) || !version.ValueEquals("2.0"u8))
        {
            return Refuse(id, JsonRpcErrorCodes.InvalidRequest, "Invalid request: \"jsonrpc\" must be \"2.0\".");
        }

        if (!message.TryGetProperty("method"u8, out JsonElement methodElement))
        {
            if (id is { } responseId && (message.TryGetProperty("result"u8, out _) || message.TryGetProperty("error"u8, out _)))
            {
                AcceptResponse(responseId, message);
                return NoAnswer;
            }

            return Refuse(id, JsonRpcErrorCodes.InvalidRequest, "Invalid request: neither a request, a notification nor a response.");
        }

        if (methodElement.ValueKind != JsonValueKind.String)
        {
            return Refuse(id, JsonRpcErrorCodes.InvalidRequest, "Invalid request: \"method\" must be a string.");
        }

        string method = methodElement.GetString()!;
        JsonElement? parameters = null;
        if (message.TryGetProperty("params"u8, out JsonElement paramsElement) && paramsElement.ValueKind != JsonValueKind.Null)
        {
            if (paramsElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return Refuse(id, JsonRpcErrorCodes.InvalidRequest, "Invalid request: \"params\" must be an object or an array.");
            }

            parameters = paramsElement;
        }

        if (!hasId)
        {
            return AcceptNotification(method, parameters, inBatch);
        }

        if (id is not { } requestId)
        {
            return Refuse(null, JsonRpcErrorCodes.InvalidRequest, "Invalid request: \"id\" must be an integer or a string.");
        }

        return AcceptRequest(requestId, method, parameters, inBatch);
    }

    private Task<byte[]?> AcceptRequest(JsonRpcId id, string method, JsonElement? parameters, bool inBatch)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        if (!_running.TryAdd(id, cancellation))
        {
            cancellation.Dispose();
            return Refuse(id, JsonRpcErrorCodes.InvalidRequest, $"Invalid request: id {id} belongs to a request still running.");
        }

        _requestHandlers.TryGetValue(method, out IncomingHandler? handler);
        return Schedule(handler?.Scheduling ?? HandlerScheduling.Concurrent, inBatch, () => RunRequestAsync(id, method, parameters, handler, cancellation));
    }

    private Task<byte[]?> AcceptNotification(string method, JsonElement? parameters, bool inBatch)
    {
        if (method == CancelRequestMethod)
        {
            CancelRunningRequest(parameters);
            return NoAnswer;
        }

        _notificationHandlers.TryGetValue(method, out IncomingHandler? handler);
        return Schedule(handler?.Scheduling ?? HandlerScheduling.Concurrent, inBatch, () => RunNotificationAsync(method, parameters, handler));
    }

    private void AcceptResponse(JsonRpcId id, JsonElement message)
    {
        if (!_awaitingPeer.TryRemove(id, out PendingResponse? pending))
        {
            _logger.LogWarning("Ignored a response with id {Id}: no request of ours is waiting for it.", id);
            return;
        }

        if (message.TryGetProperty("error"u8, out JsonElement error) && error.ValueKind == JsonValueKind.Object)
        {
            int code = error.TryGetProperty("code"u8, out JsonElement codeElement) && codeElement.TryGetInt32(out int value)
                ? value
                : JsonRpcErrorCodes.InternalError;
            string text = error.TryGetProperty("message"u8, out JsonElement messageElement) && messageElement.ValueKind == JsonValueKind.String
                ? messageElement.GetString()!
                : "The client answered with an error.";
            JsonElement? data = error.TryGetProperty("data"u8, out JsonElement dataElement) ? dataElement.Clone() : null;
            pending.Fail(new JsonRpcException(code, text, data));
            return;
        }

        message.TryGetProperty("result"u8, out JsonElement result);
        pending.Complete(result);
    }

    private void CancelRunningRequest(JsonElement? parameters)
    {
        if (parameters is { ValueKind: JsonValueKind.Object } cancel
            && cancel.TryGetProperty("id"u8, out JsonElement idElement)
            && JsonRpcId.TryRead(idElement, out JsonRpcId id)
            && _running.TryGetValue(id, out CancellationTokenSource? running))
        {
            try
            {
                running.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request finished while we were looking it up.
            }
        }
    }

    // Readers–writer in arrival order (see HandlerScheduling). Called only from the reading loop.
    private Task<byte[]?> Schedule(HandlerScheduling scheduling, bool inBatch, Func<Task<byte[]?>> handle)
    {
        Task barrier = scheduling == HandlerScheduling.Serial && _concurrentSinceSerial.Count > 0
            ? Task.WhenAll([_serialTail, .. _concurrentSinceSerial])
            : _serialTail;

        Task<byte[]?> handling = Task.Run(async () =>
        {
            await barrier.ConfigureAwait(false);
            byte[]? response = await handle().ConfigureAwait(false);
            if (response is null || inBatch)
            {
                return response;
            }

            await SendAnswerAsync(response).ConfigureAwait(false);
            return null;
        });

        switch (scheduling)
        {
            case HandlerScheduling.Serial:
                _serialTail = Settled(handling);
                _concurrentSinceSerial.Clear();
                break;
            case HandlerScheduling.Concurrent:
                if (_concurrentSinceSerial.Count >= 64)
                {
                    _concurrentSinceSerial.RemoveAll(task => task.IsCompleted);
                }

                _concurrentSinceSerial.Add(Settled(handling));
                break;
        }

        return handling;
    }

    // A barrier must never fault, whatever the task it waits for did.
    private static Task Settled(Task task) =>
        task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<byte[]?> RunRequestAsync(JsonRpcId id, string method, JsonElement? parameters, IncomingHandler? handler, CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Token.ThrowIfCancellationRequested();
            if (_admission?.Invoke(method, isRequest: true) is { } refusal)
            {
                return JsonRpcEnvelope.Error(id, refusal);
            }

            if (handler is null)
            {
                return JsonRpcEnvelope.Error(id, new JsonRpcError(JsonRpcErrorCodes.MethodNotFound, $"Method not found: '{method}'."));
            }

            JsonRpcEnvelope.PayloadWriter? result = await handler.Invoke(parameters, cancellation.Token).ConfigureAwait(false);
            return JsonRpcEnvelope.Result(id, result);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return JsonRpcEnvelope.Error(id, new JsonRpcError(JsonRpcErrorCodes.RequestCancelled, "Request cancelled."));
        }
        catch (JsonRpcException exception)
        {
            _logger.LogDebug("Request '{Method}' ({Id}) answered with error {Code}: {Message}", method, id, exception.Code, exception.Message);
            return JsonRpcEnvelope.Error(id, exception.ToError());
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Request '{Method}' ({Id}) failed.", method, id);
            return JsonRpcEnvelope.Error(id, new JsonRpcError(JsonRpcErrorCodes.InternalError, exception.Message));
        }
        finally
        {
            _running.TryRemove(id, out _);
            cancellation.Dispose();
        }
    }

    private async Task<byte[]?> RunNotificationAsync(string method, JsonElement? parameters, IncomingHandler? handler)
    {
        try
        {
            if (_admission?.Invoke(method, isRequest: false) is { } refusal)
            {
                _logger.LogDebug("Dropped notification '{Method}': {Reason}", method, refusal.Message);
            }
            else if (handler is not null)
            {
                await handler.Invoke(parameters, _closing.Token).ConfigureAwait(false);
            }
            else if (!method.StartsWith("$/", StringComparison.Ordinal))
            {
                // "$/" notifications are optional by protocol; anything else unhandled is worth knowing.
                _logger.LogWarning("No handler for notification '{Method}'; ignored.", method);
            }
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

    private async Task AnswerAsync(Task<byte[]?> handling, JsonDocument document)
    {
        try
        {
            if (await handling.ConfigureAwait(false) is { } response)
            {
                await SendAnswerAsync(response).ConfigureAwait(false);
            }
        }
        finally
        {
            document.Dispose();
        }
    }

    private async Task AnswerBatchAsync(List<Task<byte[]?>> handling, JsonDocument document)
    {
        try
        {
            byte[]?[] responses = await Task.WhenAll(handling).ConfigureAwait(false);
            List<byte[]> answered = [.. responses.OfType<byte[]>()];
            if (answered.Count > 0)
            {
                await SendAnswerAsync(JsonRpcEnvelope.Batch(answered)).ConfigureAwait(false);
            }
        }
        finally
        {
            document.Dispose();
        }
    }

    private async Task SendAnswerAsync(byte[] response)
    {
        try
        {
            await _writer.WriteAsync(response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(exception, "Could not send a response; the client is gone.");
        }
    }

    private void Post(byte[] message) => Track(SendAnswerAsync(message));

    private void PostCancelRequest(JsonRpcId id) =>
        Post(JsonRpcEnvelope.Notification(CancelRequestMethod, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id"u8);
            id.WriteTo(writer);
            writer.WriteEndObject();
        }));

    private void Track(Task answering)
    {
        _answering.TryAdd(answering, true);
        answering.ContinueWith(done => _answering.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Task<byte[]?> NoAnswer { get; } = Task.FromResult<byte[]?>(null);

    private static Task<byte[]?> Refuse(JsonRpcId? id, int code, string message) =>
        Task.FromResult<byte[]?>(JsonRpcEnvelope.Error(id, new JsonRpcError(code, message)));
}
