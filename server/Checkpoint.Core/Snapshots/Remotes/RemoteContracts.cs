namespace Checkpoint.Core.Snapshots;

// The result shapes of remotes and bundles (CLI --json and the language server's checkpoint/push, checkpoint/pull;
// their TypeScript twins are in vscode-checkpoint/src/client/protocol.ts). Change both together.

/// <summary>A remote of the store: a name and the URL git pushes to.</summary>
public sealed record RemoteInfo(string Name, string Url);

public sealed record RemoteListResult(IReadOnlyList<RemoteInfo> Remotes);

/// <summary>What happened to one checkpoint in a push or pull.</summary>
/// <param name="Id"><c>&lt;name&gt;_&lt;timestamp&gt;</c>.</param>
/// <param name="Ref">Its ref on the remote, <c>refs/checkpoints/&lt;name&gt;/&lt;timestamp&gt;</c>.</param>
/// <param name="Outcome">
/// <c>pushed</c>, <c>up-to-date</c> (the remote had it, same content), <c>pulled</c>, <c>present</c> (the store had it,
/// same content), <c>conflict</c> (same id, different content: refused, nothing overwritten), <c>damaged</c> (refused
/// by verification or unreadable on the remote), <c>failed</c> (git refused it; see <paramref name="Message"/>).
/// </param>
/// <param name="Notes">The episodic notes that travelled with it (push <c>--with-notes</c>, and pull of a commit that carries notes).</param>
public sealed record TransferredCheckpoint(string Id, string Ref, string Outcome, string? Message = null, IReadOnlyList<DamagedFile>? Damaged = null,
    IReadOnlyList<TransferredNote>? Notes = null);

/// <summary>What happened to one episodic note that travels with a checkpoint.</summary>
/// <param name="Name">The day file's name, <c>YYYY-MM-DD.md</c>.</param>
/// <param name="Outcome">
/// Push: <c>sent</c>. Pull: <c>written</c> (there was no such note here), <c>identical</c> (the same bytes were already
/// there), <c>beside</c> (a different note of that day is here and was kept; the remote's was written beside it as
/// <c>YYYY-MM-DD.&lt;checkpoint id&gt;.md</c>), <c>refused</c> (nothing written; see <paramref name="Message"/>).
/// </param>
/// <param name="Path">Where it is in this workspace (pull), absolute; null when refused or pushed.</param>
public sealed record TransferredNote(string Name, string Outcome, string? Path = null, string? Message = null);

/// <summary>The result of a push or pull: the remote, and every checkpoint it was about.</summary>
public sealed record TransferResult(string Remote, string Url, IReadOnlyList<TransferredCheckpoint> Checkpoints, long ElapsedMs)
{
    /// <summary>True when no checkpoint was refused (conflict, damaged, failed).</summary>
    public bool Ok => Checkpoints.All(c => c.Outcome is "pushed" or "up-to-date" or "pulled" or "present");
}

/// <summary>A checkpoint on a remote, and whether this store has it.</summary>
public sealed record RemoteCheckpoint(string Id, string Name, string Timestamp, string Ref, bool Local);

public sealed record RemoteCheckpointsResult(string Remote, string Url, IReadOnlyList<RemoteCheckpoint> Checkpoints);

public sealed record ExportResult(string Id, string File, long Files, long Bytes);

/// <summary>The outcome of an import: <paramref name="AlreadyPresent"/> when the store had the same checkpoint.</summary>
public sealed record ImportResult(string Id, bool AlreadyPresent, long Files, long NewObjects);

/// <summary>What to push or pull: every checkpoint, those of <see cref="Name"/>, or the one <see cref="Id"/>.</summary>
public sealed record TransferRequest
{
    /// <summary>A remote of the store; default: the only one, else <c>origin</c>.</summary>
    public string? Remote { get; init; }
    public string? Name { get; init; }
    /// <summary><c>&lt;name&gt;_&lt;timestamp&gt;</c>.</summary>
    public string? Id { get; init; }
    /// <summary>Push: each checkpoint's commit also carries the episodic day notes that link it (<c>**Snapshot:** &lt;id&gt;</c>).</summary>
    public bool WithNotes { get; init; }
    /// <summary>The episodic notes folder, absolute or relative to the root (default <c>memory/episodic</c>): where push reads notes and pull writes them.</summary>
    public string? NotesFolder { get; init; }
}
