using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Checks where a resume will write — the target folder and the report file — before it writes anything,
/// so a bad path is an argument error up front rather than an I/O failure after files were restored.
/// </summary>
internal static class ResumeDestinations
{
    /// <summary>The target, or the nearest part of it that exists, must be a folder (a missing target is created later).</summary>
    public static void RefuseNonFolderTarget(string target)
    {
        string? existing = NearestExisting(target);
        if (existing is not null && !Directory.Exists(existing))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, existing == target
                ? $"--target must be a folder: {target} is a file."
                : $"--target must be a folder: {target} cannot be created because {existing} is a file.");
        }
    }

    /// <summary>
    /// The report must be writable: not a folder, an existing report file openable for writing, and the nearest
    /// existing folder on its path a folder this process may create files in (missing folders are created later).
    /// </summary>
    public static void RefuseUnwritableReport(string report)
    {
        if (Directory.Exists(report))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"--report must name a file: {report} is a folder.");
        }
        try
        {
            if (File.Exists(report))
            {
                // Opened for writing without truncating: proves the later write will be allowed and changes nothing.
                using FileStream _ = new(report, FileMode.Open, FileAccess.Write);
                return;
            }
            string folder = Path.GetDirectoryName(report) ?? report;
            string? existing = NearestExisting(folder);
            if (existing is null || !Directory.Exists(existing))
            {
                throw new CheckpointException(ErrorKind.InvalidArgument,
                    $"Cannot write the report {report}: {existing ?? folder} is not a folder.");
            }
            // Permissions, read-only mounts and ACLs are only reliably answered by trying; the probe deletes itself.
            string probe = Path.Combine(existing, $".ckpt-report-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
            using FileStream __ = new(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"Cannot write the report {report}: {e.Message}", e);
        }
    }

    private static string? NearestExisting(string path)
    {
        for (string? current = Path.TrimEndingDirectorySeparator(path); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (FileSystem.Current.LStat(current).Kind != EntryKind.Missing)
            {
                return current;
            }
        }
        return null;
    }
}
