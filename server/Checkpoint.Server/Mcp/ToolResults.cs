using System.Text.Json.Nodes;
using Checkpoint.Core;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Notes.Templates;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Mcp;

// The structured content of each tool (camelCase on the wire, null members left out). The engine's own result
// types are reused where an agent needs nothing else; these wrap them where a tool says more (a preview, a token,
// the undo) or must stay small (a 100k-file checkpoint is summarised, not listed).

/// <summary>checkpoint_show: the checkpoint, its metadata and up to <see cref="ShowTool.FileLimit"/> of its files.</summary>
public sealed record ShowToolResult(CheckpointSummary Checkpoint, JsonObject Metadata, IReadOnlyList<CheckpointFile> Files, long FilesOmitted);

/// <summary>checkpoint_diff: added / removed / changed (each list bounded), and unified diffs when asked.</summary>
public sealed record DiffToolResult(string Id, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, long Unchanged,
    long Omitted, IReadOnlyList<FileTextDiff>? Files)
{
    /// <summary>The other checkpoint, when the call compared two (<c>to</c>); null against the working tree.</summary>
    public string? To { get; init; }
}

/// <summary>checkpoint_restore and checkpoint_delete: what was previewed or done.</summary>
/// <param name="Status"><c>preview</c> (nothing changed; confirm with the token), <c>restored</c>/<c>deleted</c>, or <c>declined</c>.</param>
/// <param name="ConfirmationToken">For a preview: pass it back as <c>confirm</c> to carry the operation out.</param>
/// <param name="Undo">For a restore into the workspace: the call that puts the replaced files back.</param>
public sealed record ConfirmedToolResult(string Status, string Id, ResumeResult? Restore, CheckpointSummary? Checkpoint, IReadOnlyList<FileTextDiff>? Diff,
    string? ConfirmationToken, int? ExpiresInSeconds, string? SafetyCheckpoint, string? Undo);

/// <summary>checkpoint_note: where the entry went and, with a snapshot, the checkpoint it links.</summary>
public sealed record NoteToolResult(string File, int Line, string Format, string Entry, SaveResult? Snapshot);

/// <summary>checkpoint_recover: the latest entry's brief, or found = false on a fresh workspace.</summary>
public sealed record RecoverToolResult(bool Found, RecoveryBrief? Latest, CheckpointSummary? SnapshotCheckpoint);

/// <summary>checkpoint_context_advice: what the seed's thresholds prescribe at a context percentage.</summary>
/// <param name="Format">The wire name of the entry to write, or null below 50 % (nothing required).</param>
public sealed record ContextAdviceResult(int ContextPct, string? Format, string Band, string Advice, IReadOnlyList<FilledEntry.Field> Fields);

/// <summary>checkpoint_prune: the prune result and whether it was only a dry run.</summary>
public sealed record PruneToolResult(bool Confirmed, PruneResult Result, RetentionSettings? Retention);

/// <summary>The <c>{"error":…}</c> a failed tool call carries next to its text.</summary>
public sealed record ToolError(string Kind, string Message, IReadOnlyList<string>? Available);

/// <summary>checkpoint_remotes: the store's remotes and, when it has any, one remote's checkpoints.</summary>
public sealed record RemotesToolResult(IReadOnlyList<RemoteInfo> Remotes, RemoteCheckpointsResult? Listed);
