using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checkpoint.Server.Rpc;

/// <summary>Writes JSON-RPC 2.0 message objects; the payloads are written by the callers' callbacks.</summary>
internal static class JsonRpcEnvelope
{
    // Relaxed escaping: the peer is a JSON parser, not an HTML page, and note text is mostly
    // non-ASCII-friendly prose that would otherwise grow sixfold in \uXXXX escapes.
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a payload (params or result) into an open message object.</summary>
    internal delegate void PayloadWriter(Utf8JsonWriter writer);

    public static byte[] Result(JsonRpcId id, PayloadWriter? result) => Write(writer =>
    {
        writer.WritePropertyName("id"u8);
        id.WriteTo(writer);
        writer.WritePropertyName("result"u8);
        if (result is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            result(writer);
        }
    });

    public static byte[] Error(JsonRpcId? id, JsonRpcError error) => Write(writer =>
    {
        writer.WritePropertyName("id"u8);
        if (id is { } known)
        {
            known.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, error.Code);
        writer.WriteString("message"u8, error.Message);
        if (error.Data is { } data)
        {
            writer.WritePropertyName("data"u8);
            data.WriteTo(writer);
        }

        writer.WriteEndObject();
    });

    public static byte[] Notification(string method, PayloadWriter? parameters) => Write(writer =>
    {
        writer.WriteString("method"u8, method);
        WriteParams(writer, parameters);
    });

    public static byte[] Request(JsonRpcId id, string method, PayloadWriter? parameters) => Write(writer =>
    {
        writer.WritePropertyName("id"u8);
        id.WriteTo(writer);
        writer.WriteString("method"u8, method);
        WriteParams(writer, parameters);
    });

    /// <summary>Joins already written messages into a batch response.</summary>
    public static byte[] Batch(IReadOnlyList<byte[]> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("["u8);
        for (int i = 0; i < messages.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(messages[i]);
        }

        buffer.Write("]"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteParams(Utf8JsonWriter writer, PayloadWriter? parameters)
    {
        if (parameters is not null)
        {
            writer.WritePropertyName("params"u8);
            parameters(writer);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
