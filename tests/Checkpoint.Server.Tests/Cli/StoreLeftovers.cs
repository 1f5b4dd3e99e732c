using System.Text.RegularExpressions;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>What an interrupted save could leave in the store: temp files, and checkpoint folders without a manifest.</summary>
internal static partial class StoreLeftovers
{
    [GeneratedRegex(@"^.+_\d{8}_\d{6}(_\d+)?$")]
    private static partial Regex CheckpointFolder();

    [GeneratedRegex(@"(tmp|temp|partial|incomplete|~$)", RegexOptions.IgnoreCase)]
    private static partial Regex TemporaryName();

    /// <summary>Every file in the store whose path looks temporary (a file in a tmp/ folder, a .tmp or .partial name).</summary>
    /// <remarks>Folders are not counted: a store may keep an empty tmp/ folder for its in-flight writes.</remarks>
    public static IReadOnlyList<string> TemporaryFiles(string store) =>
        Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(store, path))
            .Where(relative => TemporaryName().IsMatch(relative))
            .ToList();

    /// <summary>Folders named like a checkpoint that have no checkpoint.json (a checkpoint that never came to exist).</summary>
    public static IReadOnlyList<string> FoldersWithoutManifest(string store) =>
        Directory.EnumerateDirectories(store)
            .Where(path => CheckpointFolder().IsMatch(Path.GetFileName(path)) && !File.Exists(Path.Combine(path, "checkpoint.json")))
            .Select(Path.GetFileName)
            .ToList()!;
}
