namespace Checkpoint.Core.Snapshots;

/// <summary>How wide per-file work (hash, copy, compare) fans out.</summary>
internal static class FileParallelism
{
    // Twice the cores: each file is a few syscalls that may block on the disk, and while one worker waits
    // another hashes. More than that only adds contention.
    private static readonly int Degree = Math.Max(2, Environment.ProcessorCount * 2);

    public static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Degree, CancellationToken = cancellationToken };
}
