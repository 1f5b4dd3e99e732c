using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Runs per-document work (diagnostics) once a document has been quiet for a moment, and only for its
/// latest version: while someone types, each change cancels the work scheduled for the previous one,
/// so a burst of edits costs one analysis instead of one per keystroke.
/// </summary>
internal sealed class DebouncedDocumentWork : IDisposable
{
    private readonly TimeSpan _quietPeriod;
    private readonly Func<string, CancellationToken, Task> _work;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="quietPeriod">How long a document must stay unchanged before the work runs.</param>
    /// <param name="work">The work for a document uri; its token is cancelled when a newer change arrives.</param>
    /// <param name="logger">Where a failing run is reported; it must not take the server down.</param>
    public DebouncedDocumentWork(TimeSpan quietPeriod, Func<string, CancellationToken, Task> work, ILogger logger)
    {
        _quietPeriod = quietPeriod;
        _work = work;
        _logger = logger;
    }

    /// <summary>Schedules the work for <paramref name="uri"/>, superseding what was scheduled before.</summary>
    public void Schedule(string uri)
    {
        var source = new CancellationTokenSource();
        lock (_gate)
        {
            if (_pending.Remove(uri, out var previous))
            {
                previous.Cancel();
            }

            _pending[uri] = source;
        }

        _ = RunAsync(uri, source);
    }

    /// <summary>Cancels any work scheduled for <paramref name="uri"/> (the document closed).</summary>
    public void Cancel(string uri)
    {
        lock (_gate)
        {
            if (_pending.Remove(uri, out var source))
            {
                source.Cancel();
            }
        }
    }

    private async Task RunAsync(string uri, CancellationTokenSource source)
    {
        try
        {
            await Task.Delay(_quietPeriod, source.Token).ConfigureAwait(false);
            await _work(uri, source.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (source.IsCancellationRequested)
        {
            // Superseded by a newer version or closed: nothing to report.
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Analysing {Uri} failed", uri);
        }
        finally
        {
            // Only the entry still in the table can be cancelled by others; once removed, disposing is safe.
            lock (_gate)
            {
                if (_pending.TryGetValue(uri, out var current) && current == source)
                {
                    _pending.Remove(uri);
                }
            }

            source.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var source in _pending.Values)
            {
                source.Cancel();
            }

            _pending.Clear();
        }
    }
}
