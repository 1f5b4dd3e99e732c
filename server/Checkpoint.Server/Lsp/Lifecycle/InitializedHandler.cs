using System.Text.Json;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>
/// initialized: the client has processed our capabilities. Nothing to do yet; handled so it is not
/// reported as unhandled, and the point where dynamic registrations would be sent.
/// </summary>
internal sealed class InitializedHandler
{
    public const string Method = "initialized";

    public ValueTask HandleAsync(JsonElement? parameters, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
