using System.Text.Json;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp;

/// <summary>Starts <see cref="WorkDoneProgress"/> the way this client allows.</summary>
/// <param name="connection">The client connection.</param>
/// <param name="clientCanCreateTokens">The client's <c>window.workDoneProgress</c> capability.</param>
internal sealed class ProgressStarter(IJsonRpcConnection connection, bool clientCanCreateTokens)
{
    /// <inheritdoc cref="WorkDoneProgress.BeginAsync"/>
    public Task<WorkDoneProgress?> BeginAsync(JsonElement? clientToken, string title, CancellationToken cancellationToken) =>
        WorkDoneProgress.BeginAsync(connection, clientCanCreateTokens, clientToken, title, cancellationToken);
}
