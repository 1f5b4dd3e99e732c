using System.Text.Json;

namespace Checkpoint.Server.Rpc;

/// <summary>A registered handler, reduced to what the dispatcher needs.</summary>
/// <param name="Invoke">Runs the handler; returns how to write the result (null writes <c>null</c>).</param>
/// <param name="Scheduling">How it is ordered against other messages.</param>
internal sealed record IncomingHandler(
    Func<JsonElement?, CancellationToken, ValueTask<JsonRpcEnvelope.PayloadWriter?>> Invoke,
    HandlerScheduling Scheduling);
