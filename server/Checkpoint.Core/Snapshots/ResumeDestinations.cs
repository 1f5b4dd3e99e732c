using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Checks where a resume will write before it writes anything, so a bad path is an argument error up
/// front rather than an I/O failure after files were restored.
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

    private static string? NearestExisting(string path)
    {
        for (string? current = Path.TrimEndingDirectorySeparator(path); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (NativeFileSystem.LStat(current).Kind != EntryKind.Missing)
            {
                return current;
            }
        }
        return null;
    }
}
