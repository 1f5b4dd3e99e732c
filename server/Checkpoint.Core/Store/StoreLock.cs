using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Core.Store;

/// <summary>
/// The store's writer lock: a file created with O_EXCL holding the owner's PID and process start time.
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
            if (TryCreate(layout.LockFile, content))
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
            long start = parts.Length >= 2 && long.TryParse(parts[1], out long s) ? s : 0;
            return new LockOwner(pid, start);
        }
        // Empty: the owner died between create and write, or is writing right now. Treat a young file
        // as live for a moment so we never steal a lock that is being written.
        return File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddSeconds(-2) ? new LockOwner(int.MaxValue, 0) : null;
    }

    private static string OwnerLine(int pid, long start) => string.Create(CultureInfo.InvariantCulture, $"{pid} {start}\n");

    private static long CurrentProcessStart() => ProcessStartTicks(Environment.ProcessId) ?? 0;

    /// <summary>Field 22 of /proc/PID/stat: start time in clock ticks since boot; distinguishes a reused PID.</summary>
    internal static long? ProcessStartTicks(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.TryParse(fields[19], out long ticks) ? ticks : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }
        _released = true;
        File.Delete(_path);
    }

    private readonly record struct LockOwner(int Pid, long StartTicks)
    {
        public bool IsAlive()
        {
            if (Pid == int.MaxValue)
            {
                return true;
            }
            long? start = ProcessStartTicks(Pid);
            return start is not null && (StartTicks == 0 || start.Value == StartTicks);
        }
    }
}
