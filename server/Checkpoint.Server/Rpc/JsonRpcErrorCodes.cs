namespace Checkpoint.Server.Rpc;

/// <summary>
/// Error codes of JSON-RPC 2.0 and the ones LSP adds on top of it.
/// </summary>
public static class JsonRpcErrorCodes
{
    /// <summary>The frame or its body is not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON is not a valid request object (or the request is not allowed in this state).</summary>
    public const int InvalidRequest = -32600;

    /// <summary>No handler is registered for the method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>The params do not match what the method expects.</summary>
    public const int InvalidParams = -32602;

    /// <summary>The handler failed unexpectedly.</summary>
    public const int InternalError = -32603;

    /// <summary>LSP: a request arrived before <c>initialize</c>.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>LSP: the request was cancelled by <c>$/cancelRequest</c>.</summary>
    public const int RequestCancelled = -32800;

    /// <summary>LSP: the request was valid but could not be carried out; the message says why.</summary>
    public const int RequestFailed = -32803;
}
