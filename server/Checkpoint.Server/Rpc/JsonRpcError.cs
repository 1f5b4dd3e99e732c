using System.Text.Json;

namespace Checkpoint.Server.Rpc;

/// <summary>The <c>error</c> member of a JSON-RPC response.</summary>
/// <param name="Code">One of <see cref="JsonRpcErrorCodes"/> or an application code.</param>
/// <param name="Message">A short human-readable description.</param>
/// <param name="Data">Optional structured detail, sent as is.</param>
public sealed record JsonRpcError(int Code, string Message, JsonElement? Data = null);
