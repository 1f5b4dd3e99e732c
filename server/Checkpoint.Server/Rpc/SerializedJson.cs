using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// A JSON value serialised ahead of time, written into a message as is: a result that is expensive to
/// serialise and asked for again unchanged can be kept as bytes.
/// </summary>
/// <param name="utf8">One complete, valid JSON value in UTF-8, written with the envelope's escaping rules.</param>
[JsonConverter(typeof(SerializedJsonConverter))]
public sealed class SerializedJson(byte[] utf8)
{
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
