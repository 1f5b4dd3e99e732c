using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Checkpoint.Core;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary>
/// Maps Core failures to JSON-RPC errors as protocol.ts states: invalid arguments and unknown
/// checkpoints → -32602, everything else → -32803; <c>data</c> carries kind, available and damaged.
/// </summary>
internal static class CheckpointErrorTranslation
{
    /// <summary>
    /// Registers a request handler whose Core failures reach the client as protocol errors; Detached
    /// (see <see cref="HandlerScheduling.Detached"/>) because these work on the store and the disk,
    /// not on open documents, and may take seconds.
    /// </summary>
    public static void OnCheckpointRequest<TParams, TResult>(
        this IJsonRpcConnection connection,
        string method,
        Func<JsonTypeInfo<TParams>> paramsType,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler) =>
        connection.OnRequest(method, paramsType, resultType, Translated(handler), HandlerScheduling.Detached);

    /// <summary>
    /// Like <see cref="OnCheckpointRequest{TParams, TResult}(IJsonRpcConnection, string, Func{JsonTypeInfo{TParams}}, Func{JsonTypeInfo{TResult}}, Func{TParams, CancellationToken, ValueTask{TResult}})"/>
    /// for requests whose params are all optional (list, verify, prune): omitted params mean <paramref name="whenOmitted"/>,
    /// as a client may send none at all.
    /// </summary>
    public static void OnCheckpointRequest<TParams, TResult>(
        this IJsonRpcConnection connection,
        string method,
        Func<JsonTypeInfo<TParams>> paramsType,
        Func<JsonTypeInfo<TResult>> resultType,
        Func<TParams, CancellationToken, ValueTask<TResult>> handler,
        TParams whenOmitted)
    {
        var translated = Translated(handler);
        connection.OnRequest(method, resultType, (parameters, cancellationToken) =>
        {
            if (parameters is not { ValueKind: not JsonValueKind.Null } given)
            {
                return translated(whenOmitted, cancellationToken);
            }

            TParams? read;
            try
            {
                read = given.Deserialize(paramsType());
            }
            catch (JsonException exception)
            {
                throw new JsonRpcException(JsonRpcErrorCodes.InvalidParams, $"Invalid params for '{method}': {exception.Message}");
            }

            return translated(read ?? whenOmitted, cancellationToken);
        }, HandlerScheduling.Detached);
    }

    /// <summary>Wraps a handler so that its Core failures reach the client as protocol errors.</summary>
    public static Func<TParams, CancellationToken, ValueTask<TResult>> Translated<TParams, TResult>(
        Func<TParams, CancellationToken, ValueTask<TResult>> handler) =>
        async (parameters, cancellationToken) =>
        {
            try
            {
                return await handler(parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointException exception)
            {
                throw ToRpcError(exception);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The engine names its own I/O failures; one that slips through is still the
                // user's disk talking, not a server bug.
                throw ToRpcError(new CheckpointException(ErrorKind.Failed, exception.Message, exception));
            }
        };

    /// <summary>The JSON-RPC error for a Core failure.</summary>
    public static JsonRpcException ToRpcError(CheckpointException exception) =>
        JsonRpcException.WithData(
            exception.Kind is ErrorKind.InvalidArgument or ErrorKind.NotFound ? JsonRpcErrorCodes.InvalidParams : JsonRpcErrorCodes.RequestFailed,
            exception.Message,
            CheckpointErrorData.From(exception),
            CheckpointProtocolJsonContext.Default.CheckpointErrorData);
}
