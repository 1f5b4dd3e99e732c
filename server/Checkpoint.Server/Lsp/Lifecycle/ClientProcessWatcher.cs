using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>
/// Ends the server when the client process is gone: an editor that crashes never sends exit, and
/// its stdin pipe may outlive it (a grandchild can hold it open).
/// </summary>
internal sealed class ClientProcessWatcher(ServerLifecycle lifecycle, TimeSpan pollInterval, ILogger<ClientProcessWatcher> logger, CancellationToken stopping)
{
    private readonly HashSet<int> _watched = [];

    /// <summary>Starts polling <paramref name="processId"/> (once per id).</summary>
    public void Watch(int processId)
    {
        lock (_watched)
        {
            if (!_watched.Add(processId))
            {
                return;
            }
        }

        _ = PollAsync(processId);
    }

    /// <summary>True while a process with this id runs.</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task PollAsync(int processId)
    {
        try
        {
            using var timer = new PeriodicTimer(pollInterval);
            while (IsAlive(processId))
            {
                if (!await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                {
                    return;
                }
            }

            logger.LogWarning("The client process {ProcessId} is gone; exiting.", processId);
            lifecycle.End();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
