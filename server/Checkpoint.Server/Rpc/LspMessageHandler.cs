using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;
using ProtocolError = StreamJsonRpc.Protocol.JsonRpcError;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// StreamJsonRpc's <see cref="HeaderDelimitedMessageHandler"/> (Content-Length frames, written by the
/// library) with the reading side an LSP server needs: StreamJsonRpc closes the connection on a frame or a
/// message it cannot read, this reader answers it with the JSON-RPC error it is due and reads on.
/// </summary>
/// <remarks>
/// What it adds on reading: frames recovered after bad input (<see cref="LspFrameReader"/>: any split,
/// case-insensitive headers, junk); bodies the formatter refuses answered precisely
/// (<see cref="RefusedMessage"/>); messages the formatter reads but JSON-RPC 2.0 forbids (another version,
/// a null id) refused; batches split into their messages, and their answers joined into one array frame.
/// Every message read is then offered to the <see cref="IMessageScreen"/>, which may deal with it itself.
/// </remarks>
internal sealed class LspMessageHandler : HeaderDelimitedMessageHandler, IJsonRpcMessageBufferManager
{
    private readonly LspFrameReader _frames;
    private readonly IJsonRpcMessageFactory _messages;
    private readonly ILogger _logger;

    // Batch elements still to be read, in order, with the answer they contribute to.
    private readonly Queue<(byte[] Body, BatchAnswer Batch)> _batchElements = new();

    // Where the answer to a batch element goes: by request id for the requests StreamJsonRpc answers, by
    // the message itself for the errors this reader answers.
    private readonly ConcurrentDictionary<RequestId, BatchAnswer> _batchRequests = new();
    private readonly ConcurrentDictionary<JsonRpcMessage, BatchAnswer> _batchRefusals = new(ReferenceEqualityComparer.Instance);

    public LspMessageHandler(PipeWriter output, PipeReader input, SystemTextJsonFormatter formatter, ILogger logger)
        : base(output, input, formatter)
    {
        _frames = new LspFrameReader(input);
        _messages = formatter;
        _logger = logger;
    }

    /// <summary>Decides what is dispatched; set once, before the connection starts listening.</summary>
    public IMessageScreen? Screen { get; set; }

    /// <inheritdoc />
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            byte[] body;
            BatchAnswer? batch = null;
            if (_batchElements.TryDequeue(out var element))
            {
                (body, batch) = element;
            }
            else
            {
                LspFrame? frame = await _frames.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    _logger.LogDebug("The input ended.");
                    if (Screen is { } screen)
                    {
                        await screen.DrainAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return null;
                }

                if (frame.Problem is not null)
                {
                    _logger.LogWarning("Discarded malformed input: {Problem}", frame.Problem);
                    await RefuseAsync(new RefusedMessage.Error(null, JsonRpcErrorCodes.ParseError, $"Parse error: {frame.Problem}"), null, cancellationToken).ConfigureAwait(false);
                }

                if (frame.Body is null)
                {
                    continue;
                }

                body = frame.Body;
            }

            JsonRpcMessage? message = await DecodeAsync(body, batch, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                continue;
            }

            if (batch is not null && message is JsonRpcRequest { IsResponseExpected: true } request)
            {
                _batchRequests[request.RequestId] = batch;
            }

            if (Screen?.Admit(message) ?? true)
            {
                return message;
            }
        }
    }

    /// <summary>Writes an error answer of the reader's own (in its batch's frame when it belongs to one).</summary>
    public async Task RefuseAsync(RefusedMessage.Error refusal, BatchAnswer? batch, CancellationToken cancellationToken)
    {
        ProtocolError error = _messages.CreateErrorMessage();
        error.RequestId = refusal.Id ?? RequestId.Null;
        error.Error = new ProtocolError.ErrorDetail { Code = (JsonRpcErrorCode)refusal.Code, Message = refusal.Message };
        if (batch is not null)
        {
            _batchRefusals[error] = batch;
        }

        try
        {
            await WriteAsync(error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            _logger.LogDebug(exception, "Could not send an error; the client is gone.");
        }
    }

    /// <inheritdoc />
    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        BatchAnswer? batch = null;
        bool inBatch = _batchRefusals.TryRemove(content, out batch)
            || (content is IJsonRpcMessageWithId withId and not JsonRpcRequest && _batchRequests.TryRemove(withId.RequestId, out batch));
        if (!inBatch)
        {
            base.Write(content, cancellationToken);
            return;
        }

        var answer = new ArrayBufferWriter<byte>();
        Formatter.Serialize(answer, content);
        if (batch!.Add(answer.WrittenSpan.ToArray()) is { } array)
        {
            string header = $"Content-Length: {array.Length}\r\n\r\n";
            Writer!.Advance(Encoding.ASCII.GetBytes(header, Writer.GetSpan(header.Length)));
            Writer.Write(array);
        }
    }

    // StreamJsonRpc calls this once it has read a message's params, before the next read: the formatter's
    // buffers for that message can go back to the pool.
    void IJsonRpcMessageBufferManager.DeserializationComplete(JsonRpcMessage message) =>
        (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);

    private async ValueTask<JsonRpcMessage?> DecodeAsync(byte[] body, BatchAnswer? batch, CancellationToken cancellationToken)
    {
        JsonRpcMessage message;
        try
        {
            message = Formatter.Deserialize(new ReadOnlySequence<byte>(body));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            switch (RefusedMessage.Examine(body, inBatch: batch is not null))
            {
                case RefusedMessage.Error refusal:
                    _logger.LogWarning("Refused a message: {Problem}", refusal.Message);
                    await RefuseAsync(refusal, batch, cancellationToken).ConfigureAwait(false);
                    return null;
                case RefusedMessage.Batch elements:
                    var answer = new BatchAnswer(elements.Answers);
                    foreach (byte[] element in elements.Elements)
                    {
                        _batchElements.Enqueue((element, answer));
                    }

                    return null;
                case RefusedMessage.Rewritten rewritten:
                    message = Formatter.Deserialize(new ReadOnlySequence<byte>(rewritten.Body));
                    break;
                case RefusedMessage.UnreadableErrorResponse response:
                    ProtocolError error = _messages.CreateErrorMessage();
                    error.RequestId = response.Id;
                    error.Error = new ProtocolError.ErrorDetail { Code = (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError, Message = "The client answered with an error." };
                    message = error;
                    break;
                case RefusedMessage.StrayResponse stray:
                    _logger.LogWarning("Ignored a response: {Reason}.", stray.Reason);
                    return null;
                default:
                    throw new InvalidOperationException("Unknown verdict.");
            }
        }

        // What the formatter reads although JSON-RPC 2.0 (and LSP) forbid it.
        RequestId? id = message is IJsonRpcMessageWithId withId && !withId.RequestId.IsNull && !withId.RequestId.IsEmpty ? withId.RequestId : null;
        RefusedMessage.Error? forbidden =
            message.Version != "2.0" ? new RefusedMessage.Error(id, JsonRpcErrorCodes.InvalidRequest, "Invalid request: \"jsonrpc\" must be \"2.0\".")
            : message is JsonRpcRequest { RequestId.IsNull: true } ? RefusedMessage.InvalidId()
            : null;
        if (forbidden is not null)
        {
            await RefuseAsync(forbidden, batch, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return message;
    }

    /// <summary>The answers to one batch, sent as one array once every message that is answered has been.</summary>
    internal sealed class BatchAnswer(int expected)
    {
        private readonly List<byte[]> _answers = [];

        /// <summary>Adds an answer (called under the writing lock); returns the array body once complete.</summary>
        public byte[]? Add(byte[] answer)
        {
            _answers.Add(answer);
            if (_answers.Count < expected)
            {
                return null;
            }

            var array = new ArrayBufferWriter<byte>();
            array.Write("["u8);
            for (int i = 0; i < _answers.Count; i++)
            {
                if (i > 0)
                {
                    array.Write(","u8);
                }

                array.Write(_answers[i]);
            }

            array.Write("]"u8);
            return array.WrittenSpan.ToArray();
        }
    }
}

/// <summary>Decides, for each message read, whether StreamJsonRpc dispatches it.</summary>
internal interface IMessageScreen
{
    /// <summary>True to dispatch <paramref name="message"/>; false when it was dealt with (answered, refused, dropped).</summary>
    bool Admit(JsonRpcMessage message);

    /// <summary>At the end of the input: completes once the messages already received are handled (or it is time to stop).</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
