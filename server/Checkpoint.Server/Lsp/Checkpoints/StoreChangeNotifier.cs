using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary>
/// Sends <c>checkpoint/changed</c> when checkpoints appear in or vanish from the store, whoever made
/// the change (this server, the CLI in another process). Starts once the client is initialized and
/// stops with the connection.
/// </summary>
internal sealed class StoreChangeNotifier(IJsonRpcConnection connection, Lazy<CheckpointWorkspace> workspace, ILogger<StoreChangeNotifier> logger)
{
    // Long enough to let a save's burst of object writes settle into one notification, short
    // enough that a tree view refresh still feels immediate.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);

    private StoreWatcher? _watcher;

    /// <summary>Starts watching the workspace's store (idempotent).</summary>
    public void Start()
    {
        if (_watcher is not null || connection.Closing.IsCancellationRequested)
        {
            return;
        }

        var watcher = new StoreWatcher(workspace.Value.Engine.StorePath, QuietPeriod, Notify, logger);
        try
        {
            watcher.Start();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // Without a watcher the client still refreshes after its own requests; say why it will not see others'.
            logger.LogWarning("Not watching the store {Store} for changes by other processes: {Message}", workspace.Value.Engine.StorePath, exception.Message);
            watcher.Dispose();
            return;
        }

        _watcher = watcher;
        connection.Closing.Register(watcher.Dispose);
        logger.LogDebug("Watching {Store} for checkpoint changes.", workspace.Value.Engine.StorePath);
    }

    private void Notify(IReadOnlyList<string> ids) => _ = SendAsync(ids);

    private async Task SendAsync(IReadOnlyList<string> ids)
    {
        try
        {
            await connection.SendNotificationAsync(
                CheckpointMethods.Changed,
                new ChangedParams { Ids = ids },
                CheckpointProtocolJsonContext.Default.ChangedParams).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone; nobody is left to tell.
        }
    }
}
