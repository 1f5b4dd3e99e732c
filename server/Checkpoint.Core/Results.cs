using System.Text.Json.Nodes;

namespace Checkpoint.Core;

// The result shapes of every operation. They are the CLI's --json output and the language server's
// custom-request results (camelCase on the wire); their TypeScript twin is
// vscode-checkpoint/src/client/protocol.ts. Change both together.

/// <summary>One checkpoint as listed.</summary>
public record CheckpointSummary
{
    /// <summary>Folder name, <c>&lt;name&gt;_&lt;timestamp&gt;</c>.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary><c>YYYYMMDD_HHMMSS</c>, with a collision suffix when present.</summary>
    public required string Timestamp { get; init; }
    /// <summary>ISO local time from checkpoint.json's "timestamp".</summary>
    public required string Created { get; init; }
    public required string Stage { get; init; }
    public required string Notes { get; init; }
    public long TotalFiles { get; init; }
    public long TotalWords { get; init; }
    public long TotalSize { get; init; }
    /// <summary><c>objects</c> (ours) or <c>seed</c> (checkpoint.json + a files/ folder of copies).</summary>
    public required string Layout { get; init; }
    /// <summary>Saved scope relative to the root (<c>""</c> = the whole root).</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];
}

/// <summary>One file of a checkpoint (checkpoint.json's entry, camelCased).</summary>
/// <param name="Mode">The recorded permission bits, four octal digits (<c>"0755"</c>); absent when none was recorded.</param>
/// <param name="Kind"><c>"link"</c> for a symbolic link (its content is its target text); absent for a file.</param>
public sealed record CheckpointFile(string Path, long Size, string Modified, string Hash, long WordCount, string? Mode = null, string? Kind = null);

/// <summary>A checkpoint with its metadata and files (flat on the wire: the summary's fields, then these).</summary>
public sealed record CheckpointDetail : CheckpointSummary
{
    public JsonObject Metadata { get; init; } = [];
    public IReadOnlyList<CheckpointFile> Files { get; init; } = [];

    /// <summary>Absolute path of the checkpoint's CHECKPOINT_SUMMARY.md; null when it has none (the seed's tool may write none).</summary>
    public string? SummaryPath { get; init; }
}

/// <summary>An entry a save did not take, and why: a link (never followed), a FIFO or device, a name no restore could write, a file it could not read.</summary>
public sealed record SkippedFile(string Path, string Reason);

public sealed record SaveResult(CheckpointSummary Checkpoint, long NewObjects, long ReusedObjects, long BytesWritten, long ElapsedMs)
{
    /// <summary>What the save's scope held but the checkpoint does not (checkpoint.json's "skipped"), in path order.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>What the store's retention setting removed after this save; absent when the store has none.</summary>
    public RetentionReport? Retention { get; init; }
}

public sealed record ListResult(IReadOnlyList<CheckpointSummary> Checkpoints)
{
    /// <summary>Ids of the checkpoints left out because their checkpoint.json cannot be read (verify says why).</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];
}

public sealed record DiffResult(string Id, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, long Unchanged)
{
    /// <summary>The changed files whose permission bits differ from the recorded ones (their content may be the same).</summary>
    public IReadOnlyList<ModeChange> ModeChanges { get; init; } = [];
    /// <summary>
    /// The checkpoint <see cref="Id"/> was compared with (a diff of two checkpoints: added = only in this one, removed = only
    /// in <see cref="Id"/>); null for a diff against the working tree.
    /// </summary>
    public string? To { get; init; }
}

/// <summary>A file's recorded permission bits and the ones it has now, four octal digits each (<c>"0755"</c> → <c>"0644"</c>).</summary>
public sealed record ModeChange(string Path, string Before, string After);

public sealed record FailedFile(string Path, string Reason);

public sealed record ResumeResult
{
    public required string Id { get; init; }
    /// <summary>Absolute folder restored into.</summary>
    public required string Target { get; init; }
    public bool DryRun { get; init; }
    public IReadOnlyList<string> Created { get; init; } = [];
    public IReadOnlyList<string> Overwritten { get; init; } = [];
    public IReadOnlyList<string> Deleted { get; init; } = [];
    public IReadOnlyList<string> Unchanged { get; init; } = [];
    /// <summary>Files in scope that the checkpoint does not have, left untouched (without mirror).</summary>
    public long LeftAlone { get; init; }
    /// <summary>
    /// Every file of the restore was written, hashed while it was copied and matched its SHA-256. False when any file
    /// failed or was damaged (the written ones still matched: a mismatch is never written), and for a dry run.
    /// </summary>
    public bool Verified { get; init; }
    public IReadOnlyList<FailedFile> Failed { get; init; } = [];
    /// <summary>
    /// The files of <see cref="Failed"/> that were not written because their stored content is missing or does not
    /// match its hash (only with NoVerify; without it a damaged checkpoint is refused as a whole).
    /// </summary>
    public IReadOnlyList<DamagedFile> Damaged { get; init; } = [];
    /// <summary>The automatic safety checkpoint taken before writing into the root.</summary>
    public string? SafetyCheckpoint { get; init; }
    public string? Report { get; init; }
}

/// <summary>A damaged file: <c>missing</c>, <c>mismatch</c> or <c>unreadable</c>.</summary>
public sealed record DamagedFile(string Path, string Problem);

public sealed record VerifiedCheckpoint(string Id, bool Ok, long Files, IReadOnlyList<DamagedFile> Damaged);

public sealed record VerifyResult(bool Ok, IReadOnlyList<VerifiedCheckpoint> Checkpoints);

public sealed record DeleteResult(string Id);

public sealed record PruneResult(bool DryRun, IReadOnlyList<string> Deleted, IReadOnlyList<string> Kept, long ObjectsRemoved, long BytesFreed);

/// <summary>Bytes of one file of one checkpoint.</summary>
public sealed record FileContent(string Path, byte[] Bytes);

/// <summary>What the retention setting removed after a save.</summary>
/// <param name="MaxPerName">The setting applied.</param>
/// <param name="MaxAgeDays">The setting applied.</param>
/// <param name="Deleted">Checkpoint ids removed, oldest rules first.</param>
/// <param name="ObjectsRemoved">Contents no remaining checkpoint referenced.</param>
/// <param name="BytesFreed">Their size.</param>
public sealed record RetentionReport(int? MaxPerName, int? MaxAgeDays, IReadOnlyList<string> Deleted, long ObjectsRemoved, long BytesFreed);
