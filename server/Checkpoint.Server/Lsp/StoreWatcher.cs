using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Tells when checkpoints appear in or disappear from the store — whoever wrote them (this server, the
/// CLI in another process, the seed's tool). File-system events only wake it up: after a quiet period it
/// rescans the store's folders for <c>checkpoint.json</c> and reports the difference, because events
/// inside a folder created a moment ago can be lost before the watcher reaches it, and a checkpoint exists
/// exactly when its manifest does.
/// </summary>
internal sealed class StoreWatcher : IDisposable
{
    private const string ManifestName = "checkpoint.json";

    private readonly string _storePath;
    private readonly TimeSpan _quietPeriod;
    private readonly Action<IReadOnlyList<string>> _onChanged;
    private readonly ILogger _logger;
    private readonly Timer _debounce;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private bool _watchingStore;
    private HashSet<string> _known = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <param name="storePath">Absolute store folder; it may not exist yet.</param>
    /// <param name="quietPeriod">How long the store must stay still before it is rescanned.</param>
    /// <param name="onChanged">Called (on a pool thread) with the ids added or removed.</param>
    /// <param name="logger">Where a failed rescan is reported; a watcher must never take the server down.</param>
    public StoreWatcher(string storePath, TimeSpan quietPeriod, Action<IReadOnlyList<string>> onChanged, ILogger logger)
    {
        _logger = logger;
        _storePath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storePath));
        _quietPeriod = quietPeriod;
        _onChanged = onChanged;
        _debounce = new Timer(_ => RescanGuarded(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Takes the current checkpoints as the baseline and starts watching.</summary>
    public void Start()
    {
        lock (_gate)
        {
            // Watch first, then scan: a checkpoint that lands in between raises an event and a rescan.
            Arm();
            _known = ScanIds();
        }
    }

    // While the store is missing, watch its nearest existing ancestor (not recursively: the workspace
    // may be huge) and climb down as folders appear; once the store exists, watch it recursively.
    // After arming, look again: a folder created while the watcher was being set up raised no event
    // on it, so keep climbing until what exists matches what is watched.
    private void Arm()
    {
        while (true)
        {
            var watchStore = Directory.Exists(_storePath);
            var folder = watchStore ? _storePath : NearestExistingAncestor(_storePath);
            if (folder is null || (_watcher is not null && _watchingStore == watchStore && _watcher.Path == folder))
            {
                return;
            }

            _watcher?.Dispose();
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = watchStore };
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;
            watcher.Changed += OnEvent;
            watcher.Error += (_, _) => Schedule();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            _watchingStore = watchStore;
        }
    }

    private void OnEvent(object sender, FileSystemEventArgs e) => Schedule();

    private void Schedule()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _debounce.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
            }
        }
    }

    // Runs on a timer thread, where an escaping exception would end the process.
    private void RescanGuarded()
    {
        try
        {
            Rescan();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // E.g. the inotify watch limit: the client still refreshes after its own requests.
            _logger.LogWarning("Watching the store {Store} failed: {Message}", _storePath, exception.Message);
        }
    }

    private void Rescan()
    {
        List<string> difference;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Re-arm first: a store that appeared (or vanished) changes what must be watched, and
            // anything written before the new watcher existed is still caught by the scan below.
            Arm();
            var current = ScanIds();
            difference = [.. current.Except(_known).Concat(_known.Except(current)).Order(StringComparer.Ordinal)];
            _known = current;
        }

        if (difference.Count > 0)
        {
            _onChanged(difference);
        }
    }

    private HashSet<string> ScanIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(_storePath))
            {
                if (File.Exists(Path.Combine(folder, ManifestName)))
                {
                    ids.Add(Path.GetFileName(folder));
                }
            }
        }
        catch (IOException)
        {
            // The store is missing or being deleted right now: it holds no checkpoints we can see.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ids;
    }

    private static string? NearestExistingAncestor(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }

        _debounce.Dispose();
    }
}
