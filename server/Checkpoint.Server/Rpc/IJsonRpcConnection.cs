using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// A JSON-RPC 2.0 peer over the LSP base protocol: handlers for what the client sends, and methods
/// to notify or ask the client. Knows nothing of LSP's semantics.
/// </summary>
public interface IJsonRpcConnection
{
    /// <summary>
    /// Handles requests for <paramref name="method"/> with untyped params (null when absent); the
    /// handler's value is serialized with <paramref name="resultType"/>.
    /// </summary>
    void OnRequest<TResult>(
        string method,
        JsonTypeInfo<TResult> resultType,
        Func<JsonElement?, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>
    /// Handles requests for <paramref name="method"/> whose params deserialize with
    /// <paramref name="paramsType"/>; params that do not (or are missing) are answered with
    /// <see cref="JsonRpcErrorCodes.InvalidParams"/> before the handler runs.
    /// </summary>
    void OnRequest<TParams, TResult>(
        string method,
        JsonTypeInfo<TParams> paramsType,
        JsonTypeInfo<TResult> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>
    /// Like <see cref="OnRequest{TResult}(string, JsonTypeInfo{TResult}, Func{JsonElement?, CancellationToken, ValueTask{TResult}}, HandlerScheduling)"/>,
    /// with the type information asked for on the first request: creating a serializer context's metadata
    /// at registration would delay the server's start for methods that may never be called.
    /// </summary>
    void OnRequest<TResult>(
        string method,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<JsonElement?, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>
    /// Like <see cref="OnRequest{TParams, TResult}(string, JsonTypeInfo{TParams}, JsonTypeInfo{TResult}, Func{TParams, CancellationToken, ValueTask{TResult}}, HandlerScheduling)"/>,
    /// with the type information asked for on the first request.
    /// </summary>
    void OnRequest<TParams, TResult>(
        string method,
        Func<JsonTypeInfo<TParams>> paramsType,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>Handles requests for <paramref name="method"/> whose result is <c>null</c>.</summary>
    void OnRequest(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>Handles notifications for <paramref name="method"/> with untyped params.</summary>
    void OnNotification(
        string method,
        Func<JsonElement?, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>Handles notifications whose params deserialize with <paramref name="paramsType"/>; others are logged and dropped.</summary>
    void OnNotification<TParams>(
        string method,
        JsonTypeInfo<TParams> paramsType,
        Func<TParams, CancellationToken, ValueTask> handler,
        HandlerScheduling scheduling = HandlerScheduling.Concurrent);

    /// <summary>
    /// Consulted just before each incoming message is handled (after the serial messages before
    /// it): an error refuses a request with that error and drops a notification.
    /// </summary>
    void UseAdmission(MessageAdmission admission);

    /// <summary>Sends a notification to the client.</summary>
    /// <exception cref="IOException">The connection is closed.</exception>
    ValueTask SendNotificationAsync<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> paramsType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request to the client and waits for its answer. Cancelling sends
    /// <c>$/cancelRequest</c> and stops waiting.
    /// </summary>
    /// <exception cref="JsonRpcException">The client answered with an error.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the connection closed first.</exception>
    Task<TResult> SendRequestAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsType,
        JsonTypeInfo<TResult> resultType,
        CancellationToken cancellationToken = default);

    /// <summary>Cancelled when the connection ends (end of input or <see cref="Stop"/>).</summary>
    CancellationToken Closing { get; }

    /// <summary>Ends <c>RunAsync</c> without waiting for the end of the input.</summary>
    void Stop();
}
