using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// Thrown by a request handler to answer with a specific JSON-RPC error instead of the generic
/// <see cref="JsonRpcErrorCodes.InternalError"/>; also thrown by
/// <see cref="IJsonRpcConnection.SendRequestAsync{TParams, TResult}"/> when the peer answers with an error.
/// </summary>
public sealed class JsonRpcException : Exception
{
    /// <summary>Creates an error with an optional, already serialized <paramref name="data"/>.</summary>
    public JsonRpcException(int code, string message, JsonElement? data = null)
        : base(message)
    {
        Code = code;
        Data = data;
    }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The error's <c>data</c> member, when there is one.</summary>
    public new JsonElement? Data { get; }

    /// <summary>Creates an error whose <c>data</c> is <paramref name="data"/> serialized with <paramref name="typeInfo"/>.</summary>
    public static JsonRpcException WithData<T>(int code, string message, T data, JsonTypeInfo<T> typeInfo) =>
        new(code, message, JsonSerializer.SerializeToElement(data, typeInfo));

    /// <summary>The error as it goes on the wire.</summary>
    public JsonRpcError ToError() => new(Code, Message, Data);
}
