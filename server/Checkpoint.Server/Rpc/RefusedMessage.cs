using System.Buffers;
using System.Text;
using System.Text.Json;
using StreamJsonRpc;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// What to do with a body StreamJsonRpc's formatter could not read: it takes only well-formed messages
/// and would close the connection on any other, so the refused body is read here, on this error path
/// only, to say precisely what the JSON-RPC 2.0 rules make of it.
/// </summary>
internal abstract record RefusedMessage
{
    /// <summary>Answered with an error; <paramref name="Id"/> null when the message's id cannot be read.</summary>
    public sealed record Error(RequestId? Id, int Code, string Message) : RefusedMessage;

    /// <summary>A batch: its elements, each one message body, and how many of them are answered.</summary>
    public sealed record Batch(IReadOnlyList<byte[]> Elements, int Answers) : RefusedMessage;

    /// <summary>A valid message the formatter reads once rewritten (<c>"params": null</c> dropped).</summary>
    public sealed record Rewritten(byte[] Body) : RefusedMessage;

    /// <summary>An error response whose error member is not what JSON-RPC prescribes: it still fails the request.</summary>
    public sealed record UnreadableErrorResponse(RequestId Id) : RefusedMessage;

    /// <summary>A response to nothing we can identify: dropped.</summary>
    public sealed record StrayResponse(string Reason) : RefusedMessage;

    /// <summary>Reads <paramref name="body"/> the way the JSON-RPC 2.0 rules classify a message.</summary>
    public static RefusedMessage Examine(byte[] body, bool inBatch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return new Error(null, JsonRpcErrorCodes.ParseError, $"Parse error: {exception.Message}");
        }

        using (document)
        {
            JsonElement message = document.RootElement;
            if (message.ValueKind == JsonValueKind.Array && !inBatch)
            {
                return message.GetArrayLength() == 0
                    ? new Error(null, JsonRpcErrorCodes.InvalidRequest, "Invalid request: an empty batch.")
                    : new Batch(
                        [.. message.EnumerateArray().Select(element => Encoding.UTF8.GetBytes(element.GetRawText()))],
                        message.EnumerateArray().Count(IsAnswered));
            }

            return Examine(message);
        }
    }

    private static RefusedMessage Examine(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, "a message must be a JSON object.");
        }

        bool hasId = message.TryGetProperty("id"u8, out JsonElement idElement);
        RequestId? id = hasId ? IdOf(idElement) : null;
        if (!message.TryGetProperty("jsonrpc"u8, out JsonElement version) || !version.ValueEquals("2.0"u8))
        {
            return Invalid(id, "\"jsonrpc\" must be \"2.0\".");
        }

        if (!message.TryGetProperty("method"u8, out JsonElement method))
        {
            return (id, message.TryGetProperty("error"u8, out _)) switch
            {
                ({ } responseId, true) => new UnreadableErrorResponse(responseId),
                (null, _) when message.TryGetProperty("result"u8, out _) || message.TryGetProperty("error"u8, out _) => new StrayResponse("its id is not an integer or a string"),
                _ => Invalid(id, "neither a request, a notification nor a response."),
            };
        }

        if (method.ValueKind != JsonValueKind.String)
        {
            return Invalid(id, "\"method\" must be a string.");
        }

        if (message.TryGetProperty("params"u8, out JsonElement parameters))
        {
            if (parameters.ValueKind == JsonValueKind.Null)
            {
                return hasId && id is null ? InvalidId() : new Rewritten(WithoutParams(message));
            }

            if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return Invalid(id, "\"params\" must be an object or an array.");
            }
        }

        return hasId && id is null ? InvalidId() : Invalid(id, "the message could not be read.");
    }

    // Everything is answered but valid notifications and responses: requests, and errors for whatever is malformed.
    private static bool IsAnswered(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("jsonrpc"u8, out JsonElement version) || !version.ValueEquals("2.0"u8))
        {
            return true;
        }

        if (!message.TryGetProperty("method"u8, out JsonElement method))
        {
            return !message.TryGetProperty("result"u8, out _) && !message.TryGetProperty("error"u8, out _);
        }

        bool validParams = !message.TryGetProperty("params"u8, out JsonElement parameters)
            || parameters.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array;
        return method.ValueKind != JsonValueKind.String || !validParams || message.TryGetProperty("id"u8, out _);
    }

    /// <summary>The id of a well-formed message that is null (StreamJsonRpc reads it, LSP forbids it).</summary>
    public static Error InvalidId() => Invalid(null, "\"id\" must be an integer or a string.");

    private static Error Invalid(RequestId? id, string why) => new(id, JsonRpcErrorCodes.InvalidRequest, $"Invalid request: {why}");

    // Only integers and strings are ids (JSON-RPC discourages null and fractions, LSP forbids them).
    private static RequestId? IdOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out long number) => new RequestId(number),
        JsonValueKind.String => new RequestId(element.GetString()),
        _ => null,
    };

    private static byte[] WithoutParams(JsonElement message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in message.EnumerateObject())
            {
                if (!property.NameEquals("params"u8))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
