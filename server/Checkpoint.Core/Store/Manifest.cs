using System.Text.Json.Nodes;

namespace Checkpoint.Core.Store;

/// <summary>One file entry of checkpoint.json. <see cref="Hash"/> is the bare lowercase hex (the file says <c>sha256:&lt;hex&gt;</c>).</summary>
internal readonly record struct ManifestFile(string Path, long Size, string Modified, string Hash, long WordCount);

/// <summary>A file the save did not store, and why (symbolic links, unreadable files).</summary>
internal readonly record struct SkippedEntry(string Path, string Reason);

/// <summary>
/// checkpoint.json in memory. The seed's keys (name, timestamp, stage, notes, metadata, files, metrics)
/// keep their exact meaning; format_version, root, scope and skipped are ours and absent from seed
/// checkpoints.
/// </summary>
internal sealed class Manifest
{
    /// <summary>1 = content in objects/; absent (0) = a seed checkpoint with a files/ folder of copies.</summary>
    public const int CurrentFormat = 1;

    public required string Name { get; init; }
    /// <summary>ISO local time, <c>yyyy-MM-ddTHH:mm:ss</c>.</summary>
    public required string Timestamp { get; init; }
    public required string Stage { get; init; }
    public string Notes { get; init; } = "";
    public JsonObject Metadata { get; init; } = [];
    public List<ManifestFile> Files { get; init; } = [];
    public int FormatVersion { get; init; }
    /// <summary>The workspace root at save time (informational; paths are relative to it).</summary>
    public string? Root { get; init; }
    /// <summary>Saved scope, root-relative: folders (<c>""</c> = the root), files or globs. Null for seed checkpoints.</summary>
    public List<string>? Scope { get; init; }
    public List<SkippedEntry> Skipped { get; init; } = [];

    // Metrics as read from the file; for ours they always equal the sums over Files.
    public long TotalFiles { get; init; }
    public long TotalWords { get; init; }
    public long TotalSize { get; init; }

    public static (long Files, long Words, long Size) ComputeMetrics(List<ManifestFile> files)
    {
        long words = 0, size = 0;
        foreach (ManifestFile file in files)
        {
            words += file.WordCount;
            size += file.Size;
        }
        return (files.Count, words, size);
    }
}
