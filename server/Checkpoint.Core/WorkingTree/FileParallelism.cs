using System.Runtime.ExceptionServices;

namespace Checkpoint.Core.WorkingTree;

/// <summary>How wide per-file work (hash, copy, compare) fans out, and how its failures come out.</summary>
internal static class FileParallelism
{
    // Twice the cores: each file is a few syscalls that may block on the disk, and while one worker waits
    // another hashes. More than that only adds contention.
    private static readonly int Degree = Math.Max(2, Environment.ProcessorCount * 2);

    public static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Degree, CancellationToken = cancellationToken };

    /// <summary>
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> that fails with the first exception a worker
    /// threw, not an <see cref="AggregateException"/>: an unreadable file in a loop is then the same I/O error (exit 1
    /// naming the path) or <see cref="CheckpointException"/> as outside one, never an "unexpected error".
    /// </summary>
    public static void For(int count, ParallelOptions options, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <inheritdoc cref="For"/>
    public static void ForEach<T>(IEnumerable<T> items, ParallelOptions options, Action<T> body)
    {
        try
        {
            Parallel.ForEach(items, options, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }
}
