using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StreamJsonRpc;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// A params or result value together with the source-generated type information that writes it. It is
/// what StreamJsonRpc's formatter sees of every value we send: one type the formatter resolves through
/// <see cref="RpcJsonContext"/>, whatever the method, so no value is ever serialized by its runtime type.
/// </summary>
[JsonConverter(typeof(JsonPayloadConverter))]
internal sealed class JsonPayload
{
    private readonly Action<Utf8JsonWriter> _write;

    private JsonPayload(Action<Utf8JsonWriter> write) => _write = write;

    /// <summary>A payload written with <paramref name="typeInfo"/>; null stays null (no params, a null result).</summary>
    public static JsonPayload? Of<T>(T value, JsonTypeInfo<T> typeInfo) =>
        value is null ? null : new JsonPayload(writer => JsonSerializer.Serialize(writer, value, typeInfo));

    /// <summary>How a payload is written (and that it is never read).</summary>
    internal sealed class JsonPayloadConverter : JsonConverter<JsonPayload>
    {
        /// <inheritdoc />
        public override JsonPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A payload is only ever written.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, JsonPayload value, JsonSerializerOptions options) => value._write(writer);
    }
}

/// <summary>
/// What StreamJsonRpc's <see cref="SystemTextJsonFormatter"/> serializes itself: our payloads, the raw
/// params it binds to <see cref="IncomingMethod"/>, the id in a <c>$/cancelRequest</c> and null.
/// </summary>
[JsonSerializable(typeof(JsonPayload))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(RequestId))]
[JsonSerializable(typeof(object))]
internal sealed partial class RpcJsonContext : JsonSerializerContext;
