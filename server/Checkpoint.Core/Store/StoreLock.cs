using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Core.Store;

/// <summary>
/// The store's writer lock: a file created with O_EXCL (FileMode.CreateNew) holding the owner's PID and process
/// start time (<see cref="IFileSystem.ProcessStart"/>).
/// A lock whose owner is gone (no such PID, or the PID was reused by a process that started later) is
/// taken over; a live owner is waited for, then reported by PID.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _path;
    private bool _released;

    private StoreLock(string path) => _path = path;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> (10 s by default) for a live owner.</summary>
    public static StoreLock Acquire(StoreLayout layout, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        layout.EnsureCreated();
        string content = OwnerLine(Environment.ProcessId, CurrentProcessStart());
        Stopwatch waited = Stopwatch.StartNew();
        TimeSpan limit = wait ?? DefaultWait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool created;
            try
            {
                created = TryCreate(layout.LockFile, content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw layout.Unwritable(e);
            }
            if (created)
            {
                return new StoreLock(layout.LockFile);
            }
            LockOwner? owner = ReadOwner(layout.LockFile);
            if (owner is null || !owner.Value.IsAlive())
            {
                TakeOverStale(layout, owner);
                continue;
            }
            if (waited.Elapsed >= limit)
            {
                throw new CheckpointException(ErrorKind.Locked,
                    $"The checkpoint store '{layout.Root}' is locked by process {owner.Value.Pid} (another save, resume, delete or prune is running). " +
                    $"Waited {limit.TotalSeconds:0} s; try again when it has finished.");
            }
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Creates the lock file with O_EXCL; false when another writer holds it.</summary>
    private static bool TryCreate(string path, string content)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using FileStream stream = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                using StreamWriter writer = new(stream);
                writer.Write(content);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
            catch (IOException) when (attempt < MaxCreateAttempts)
            {
                // The create failed because the file existed (EEXIST), and its owner released it before we
                // looked: the lock is free now, so try again. A failure that persists (disk full, read-only
                // file system) is rethrown after a few attempts.
            }
        }
    }

    private const int MaxCreateAttempts = 50;

    // Renaming (not deleting) the stale file means only one of two racing processes removes it: the
    // other's rename fails and it simply retries the O_EXCL create.
    private static void TakeOverStale(StoreLayout layout, LockOwner? seen)
    {
        string aside = Path.Combine(layout.Temp, $"stale-lock.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        try
        {
            File.Move(layout.LockFile, aside, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        LockOwner? moved = ReadOwner(aside);
        if (moved is not null && seen is not null && moved.Value != seen.Value && moved.Value.IsAlive())
        {
            // We raced with a process that had just taken the lock: give it back.
            try
            {
                File.Move(aside, layout.LockFile, overwrite: false);
            }
            catch (IOException)
            {
                // Someone else holds the lock now; the displaced owner keeps running either way.
            }
            return;
        }
        File.Delete(aside);
    }

    private static LockOwner? ReadOwner(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length >= 1 && int.TryParse(parts[0], out int pid))
        {
            return new LockOwner(pid, parts.Length >= 2 ? parts[1] : "");
        }
        // Empty: the owner died between create and write, or is writing right now. Treat a young file
        // as live for a moment so we never steal a lock that is being written.
        return File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddSeconds(-2) ? new LockOwner(int.MaxValue, "") : null;
    }

    private static string OwnerLine(int pid, string start) => string.Create(CultureInfo.InvariantCulture, $"{pid} {start}\n");

    private static string CurrentProcessStart() => FileSystem.Current.ProcessStart(Environment.ProcessId) ?? "";

    public void Dispose()
    {
        if (_released)
        {
            return;
        }
        _released = true;
        File.Delete(_path);
    }

    /// <param name="Start">The owner's <see cref="IFileSystem.ProcessStart"/> stamp when it took the lock.</param>
    private readonly record struct LockOwner(int Pid, string Start)
    {
        public bool IsAlive()
        {
            if (Pid == int.MaxValue)
            {
                return true;
            }
            string? now = FileSystem.Current.ProcessStart(Pid);
            if (now is null)
            {
                return false;
            }
            // Stamps of different clocks (the other implementation took the lock) or an unreadable one cannot
            // tell a reused PID from the owner: the PID runs, so the owner is taken to be alive.
            return Start.Length == 0 || now.Length == 0 || !Clock(Start).SequenceEqual(Clock(now)) || SameStart(Start, now);
        }

        // .NET derives a process's UTC start from the boot time on Linux, which each process computes for itself:
        // two processes can see the same start a few milliseconds apart (two concurrent savers each took the
        // other's lock for stale). A reused PID started later than that.
        private static readonly long UtcTolerance = TimeSpan.FromSeconds(1).Ticks;

        private static bool SameStart(string recorded, string now)
        {
            if (recorded == now)
            {
                return true;
            }
            int colon = recorded.IndexOf(':');
            return colon > 0 && recorded.AsSpan(0, colon) is "utc" &&
                long.TryParse(recorded.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long then) &&
                long.TryParse(now.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long seen) &&
                Math.Abs(seen - then) <= UtcTolerance;
        }

        // "utc:638…" → "utc"; the Linux stamp is a plain number (as lock files have always held it) → "".
        private static ReadOnlySpan<char> Clock(string stamp) => stamp.AsSpan(0, Math.Max(stamp.IndexOf(':'), 0));
    }
}
