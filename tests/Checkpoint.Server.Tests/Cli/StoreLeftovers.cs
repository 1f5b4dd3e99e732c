using System.Text.RegularExpressions;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>What an interrupted save could leave in the store: temp files, and checkpoint folders without a manifest.</summary>
internal static partial class StoreLeftovers
{
    [GeneratedRegex(@"^.+_\d{8}_\d{6}(_\d+)?$")]
    private static partial Regex CheckpointFolder();

    [GeneratedRegex(@"(tmp|temp|partial|incomplete|~$)", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryName();

    /// <summary>Every temp-looking file or folder anywhere in the store.</summary>
    public static IReadOnlyList<string> TemporaryEntries(string store) =>
        Directory.EnumerateFileSystemEntries(store, "*", SearchOption.AllDirectories)
            .Where(path => TemporaryName().IsMatch(Path.GetFileName(path)))
            .Select(path => Path.GetRelativePath(store, path))
            .ToList();

    /// <summary>Folders named like a checkpoint that have no checkpoint.json (a checkpoint that never came to exist).</summary>
    public static IReadOnlyList<string> FoldersWithoutManifest(string store) =>
        Directory.EnumerateDirectories(store)
            .Where(path => CheckpointFolder().IsMatch(Path.GetFileName(path)) && !File.Exists(Path.Combine(path, "checkpoint.json")))
            .Select(Path.GetFileName)
            .ToList()!;
}
