using System.Buffers;
using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// Writes a code lens list as JSON by hand, in exactly the shape <see cref="LspFeatureJsonContext"/>
/// gives <see cref="CodeLens"/> (a test compares the two): a 1 MB note has thousands of lenses, and the
/// generated serializer looks up the type of every <c>object</c> argument, which made serialising the
/// lenses cost more than computing them.
/// </summary>
internal static class CodeLensJson
{
    public static SerializedJson Serialize(IReadOnlyList<CodeLens> lenses)
    {
        // About 100 bytes an unresolved lens, 240 a resolved one: start there so the buffer rarely grows.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, lenses.Count * 112));
        using (var writer = new Utf8JsonWriter(buffer, SerializedJson.WriterOptions))
        {
            // Lenses of one note repeat a few titles, command ids and the note's uri: escape each once.
            var encoded = new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal);
            writer.WriteStartArray();
            foreach (var lens in lenses)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("range"u8);
                WriteRange(writer, lens.Range);
                if (lens.Command is { } command)
                {
                    writer.WriteStartObject("command"u8);
                    writer.WriteString("title"u8, Encoded(encoded, command.Title));
                    writer.WriteString("command"u8, Encoded(encoded, command.CommandId));
                    if (command.Arguments is { } arguments)
                    {
                        writer.WriteStartArray("arguments"u8);
                        foreach (var argument in arguments)
                        {
                            WriteArgument(writer, argument, encoded);
                        }
                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                }
                if (lens.Data is { } data)
                {
                    writer.WriteStartArray("data"u8);
                    foreach (var number in data)
                    {
                        writer.WriteNumberValue(number);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return new SerializedJson(buffer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The lenses as the items of a JSON array without its brackets (empty for no lenses), to be put
    /// together with other such parts by <see cref="Join"/>.
    /// </summary>
    public static byte[] SerializeItems(IReadOnlyList<CodeLens> lenses)
    {
        var array = Serialize(lenses).Utf8.Span;
        return array[1..^1].ToArray();
    }

    /// <summary>One JSON array of the items of every part, in order: what <see cref="Serialize"/> writes for all their lenses.</summary>
    public static SerializedJson Join(IReadOnlyList<byte[]> parts)
    {
        var length = 2;
        foreach (var part in parts)
        {
            length += part.Length + 1;
        }

        var joined = new byte[length];
        joined[0] = (byte)'[';
        var at = 1;
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            if (at > 1) joined[at++] = (byte)',';
            part.CopyTo(joined, at);
            at += part.Length;
        }
        joined[at++] = (byte)']';
        return new SerializedJson(joined[..at]);
    }

    private static void WriteRange(Utf8JsonWriter writer, Range range)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("start"u8);
        writer.WriteNumber("line"u8, range.Start.Line);
        writer.WriteNumber("character"u8, range.Start.Character);
        writer.WriteEndObject();
        writer.WriteStartObject("end"u8);
        writer.WriteNumber("line"u8, range.End.Line);
        writer.WriteNumber("character"u8, range.End.Character);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteArgument(Utf8JsonWriter writer, object? argument, Dictionary<string, JsonEncodedText> encoded)
    {
        switch (argument)
        {
            case string text:
                writer.WriteStringValue(Encoded(encoded, text));
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            default:
                // Lens arguments are strings and line numbers today; anything else takes the general path,
                // the generated one for object: it looks the runtime type up in the context (no reflection).
                JsonSerializer.Serialize(writer, argument, LspFeatureJsonContext.Default.Object);
                break;
        }
    }

    private static JsonEncodedText Encoded(Dictionary<string, JsonEncodedText> encoded, string text)
    {
        if (!encoded.TryGetValue(text, out var value))
        {
            value = JsonEncodedText.Encode(text, SerializedJson.WriterOptions.Encoder);
            if (encoded.Count < 1024) encoded[text] = value; // "Restore <id>" titles are many and unique
        }
        return value;
    }
}
