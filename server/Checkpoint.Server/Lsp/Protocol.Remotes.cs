using System.Text.Json;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp;

// Remotes in the custom protocol (the C# twin of the "Remotes" part of vscode-checkpoint/src/client/protocol.ts).
// Results are the Core records in Checkpoint.Core/Snapshots/Remotes/RemoteContracts.cs. Change both files together.

/// <summary>Method names of the remote requests (protocol.ts <c>Methods</c>).</summary>
public static class RemoteMethods
{
    /// <summary><see cref="TransferParams"/> → <see cref="TransferResult"/>, with work-done progress.</summary>
    public const string Push = "checkpoint/push";
    /// <summary><see cref="TransferParams"/> → <see cref="TransferResult"/>, with work-done progress.</summary>
    public const string Pull = "checkpoint/pull";
    /// <summary>No params → <see cref="RemoteListResult"/>: the store's remotes.</summary>
    public const string Remotes = "checkpoint/remotes";
    /// <summary><see cref="RemoteCheckpointsParams"/> → <see cref="RemoteCheckpointsResult"/>: what a remote has (nothing downloaded).</summary>
    public const string RemoteCheckpoints = "checkpoint/remoteCheckpoints";
}

/// <summary>Params of <c>checkpoint/push</c> and <c>checkpoint/pull</c>: every checkpoint, those of a name, or one id.</summary>
public sealed record TransferParams
{
    /// <summary>A remote of the store; default: the only one, else <c>origin</c>.</summary>
    public string? Remote { get; init; }
    public string? Name { get; init; }
    /// <summary><c>&lt;name&gt;_&lt;timestamp&gt;</c>.</summary>
    public string? Id { get; init; }
    /// <summary><c>checkpoint/push</c>: each checkpoint's commit also carries the episodic day notes that link it.</summary>
    public bool WithNotes { get; init; }

    /// <summary>LSP <c>WorkDoneProgressParams</c>: a progress token the client created for this request.</summary>
    public JsonElement? WorkDoneToken { get; init; }

    /// <param name="notesFolder">The workspace's notes folder (initializationOptions): where push reads notes and pull writes them.</param>
    public TransferRequest ToRequest(string notesFolder) => new() { Remote = Remote, Name = Name, Id = Id, WithNotes = WithNotes, NotesFolder = notesFolder };
}

/// <summary>Params of <c>checkpoint/remoteCheckpoints</c>.</summary>
public sealed record RemoteCheckpointsParams
{
    public string? Remote { get; init; }
}
