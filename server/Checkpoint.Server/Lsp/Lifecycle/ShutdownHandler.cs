using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>shutdown: from now on only exit is accepted; the answer is null.</summary>
internal sealed class ShutdownHandler(ServerLifecycle lifecycle, ILogger<ShutdownHandler> logger)
{
    public const string Method = "shutdown";

    public ValueTask HandleAsync(JsonElement? parameters, CancellationToken cancellationToken)
    {
        lifecycle.Shutdown();
        logger.LogInformation("Shutdown requested.");
        return ValueTask.CompletedTask;
    }
}
