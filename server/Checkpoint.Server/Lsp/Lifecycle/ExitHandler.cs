using System.Text.Json;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>exit: ends the server, with code 0 after shutdown and 1 without.</summary>
internal sealed class ExitHandler(ServerLifecycle lifecycle)
{
    public const string Method = "exit";

    public ValueTask HandleAsync(JsonElement? parameters, CancellationToken cancellationToken)
    {
        lifecycle.End();
        return ValueTask.CompletedTask;
    }
}
