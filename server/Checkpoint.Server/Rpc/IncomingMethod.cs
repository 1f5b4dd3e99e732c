using System.Reflection;
using System.Text.Json;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// A handler registered with StreamJsonRpc: every method is this one class, so StreamJsonRpc binds the
/// params as a whole, untouched (<see cref="JsonElement"/>), and invokes one known method; the typed
/// params are read by the handler's own delegate, after the message's turn and its admission, so that a
/// refusal or invalid params are answered in order and in our words.
/// </summary>
internal sealed class IncomingMethod(string name, bool isRequest, HandlerScheduling scheduling, Func<JsonElement?, CancellationToken, ValueTask<JsonPayload?>> handle)
{
    /// <summary>The method StreamJsonRpc invokes: <see cref="InvokeAsync"/>.</summary>
    public static MethodInfo Target { get; } = typeof(IncomingMethod).GetMethod(nameof(InvokeAsync))!;

    /// <summary>The JSON-RPC method name.</summary>
    public string Name => name;

    /// <summary>False for a notification handler.</summary>
    public bool IsRequest => isRequest;

    /// <summary>How the method is ordered against other messages.</summary>
    public HandlerScheduling Scheduling => scheduling;

    /// <summary>Runs the handler on the message's params (default when the message had none).</summary>
    public async Task<JsonPayload?> InvokeAsync(JsonElement parameters = default, CancellationToken cancellationToken = default)
    {
        try
        {
            return await handle(parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the request's cancellation (a timeout of its own, say): a failure, not "Request cancelled".
            throw new InvalidOperationException(exception.Message, exception);
        }
    }
}
