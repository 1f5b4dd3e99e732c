using System.Text.Json.Nodes;

namespace Checkpoint.Core.Store;

/// <summary>One file entry of checkpoint.json. <see cref="Hash"/> is the bare lowercase hex (the file says <c>sha256:&lt;hex&gt;</c>).</summary>
/// <param name="Mode">The recorded mode (<see cref="FileModes"/>), or 0 when none was recorded.</param>
/// <param name="IsLink">A symbolic link: its content (what <see cref="Hash"/> and <see cref="Size"/> describe) is its target
/// text, UTF-8, as git stores a link; restored as a link, never followed.</param>
internal readonly record struct ManifestFile(string Path, long Size, string Modified, string Hash, long WordCount, int Mode = 0, bool IsLink = false);

/// <summary>A file the save did not store, and why (unreadable files, special files, link targets that are not text).</summary>
internal readonly record struct SkippedEntry(string Path, string Reason);

/// <summary>
/// checkpoint.json in memory. The seed's keys (name, timestamp, stage, notes, metadata, files, metrics)
/// keep their exact meaning; format_version, root, scope and skipped are ours and absent from seed
/// checkpoints.
/// </summary>
internal sealed class Manifest
{
    /// <summary>
    /// 3 = format 2 with modes and symbolic links (<c>CKPTTRE2</c> trees); 2 = content in objects/ and the files as folder
    /// trees (<see cref="Tree"/>, <c>CKPTTRE1</c>), listed inline only up to the store's limit; 1 = content in objects/, every
    /// file inline; absent (0) = a seed checkpoint with a files/ folder of copies.
    /// </summary>
    public const int CurrentFormat = 3;

    /// <summary>The first format with folder trees.</summary>
    public const int TreeFormat = 2;

    /// <summary>
    /// The first format a save writes with every symbolic link and mode it found. Before it, links were skipped: a diff and
    /// a mirror restore of an older checkpoint leave links alone, as they always did.
    /// </summary>
    public const int LinkFormat = 3;

    /// <summary>Default of the store's inline limit: checkpoints of up to this many files list them in checkpoint.json (the seed's checkpoints hold 5–50).</summary>
    public const int DefaultInlineFileLimit = 2000;

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
    /// <summary>Format 2: the root folder tree's SHA-256 (bare hex); null before trees.</summary>
    public string? Tree { get; init; }
    /// <summary>
    /// False when checkpoint.json leaves the files out (more than the inline limit) and only <see cref="Tree"/> lists
    /// them; <see cref="Files"/> is then filled from the trees when files were asked for.
    /// </summary>
    public bool FilesInline { get; init; } = true;

    /// <summary>Whether the save recorded symbolic links (<see cref="LinkFormat"/>); before, it skipped them.</summary>
    public bool RecordsLinks => FormatVersion >= LinkFormat;

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
