using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// A JSON value serialised ahead of time, written into a message as is: a result that is expensive to
/// serialise and asked for again unchanged can be kept as bytes.
/// </summary>
/// <param name="utf8">One complete, valid JSON value in UTF-8, written with <see cref="WriterOptions"/>.</param>
[JsonConverter(typeof(SerializedJsonConverter))]
public sealed class SerializedJson(byte[] utf8)
{
    /// <summary>
    /// How values serialized ahead of time are written. Relaxed escaping: the peer is a JSON parser, not an
    /// HTML page, and note text is mostly non-ASCII-friendly prose that would otherwise grow sixfold in
    /// \uXXXX escapes.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value's UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> Utf8 => utf8;

    /// <summary>How <see cref="SerializedJson"/> is written (and that it is never read).</summary>
    public sealed class SerializedJsonConverter : JsonConverter<SerializedJson>
    {
        /// <inheritdoc />
        public override SerializedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Serialized JSON is only ever written.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, SerializedJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
