using System.ComponentModel;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Checkpoints beyond one machine: the store's git remotes, and push / pull of checkpoints through them (each one a git
/// commit under <c>refs/checkpoints/&lt;name&gt;/&lt;timestamp&gt;</c>; never a branch, never the user's own repository).
/// Remotes are added by a person (<c>checkpoint remote add</c>), not by an agent: a URL is where the workspace's files go.
/// </summary>
[McpServerToolType]
internal sealed class RemoteTools(CheckpointEngine engine)
{
    [McpServerTool(Name = "checkpoint_remotes", Title = "List remotes and their checkpoints", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true), ToolOutput(typeof(RemotesToolResult))]
    [Description("The store's git remotes (added by the user with `checkpoint remote add NAME URL`) and, for one remote, the checkpoints it has, each marked when this store has it too (git ls-remote: nothing is downloaded). Use it before checkpoint_pull to see what another machine or agent pushed.")]
    public async Task<CallToolResult> Remotes(
        [Description("A remote whose checkpoints to list; default: the only remote, else origin. Without any remote, only the (empty) list is returned.")] string? remote = null,
        CancellationToken cancellationToken = default)
    {
        RemoteListResult remotes = engine.ListRemotes();
        if (remotes.Remotes.Count == 0)
        {
            return ToolAnswer.Ok(new RemotesToolResult(remotes.Remotes, null), McpJsonContext.Default.RemotesToolResult,
                "This store has no remote. The user adds one with: checkpoint remote add origin <git URL> (any URL git can push to; a private repository).");
        }
        RemoteCheckpointsResult listed = await engine.RemoteCheckpointsAsync(remote, cancellationToken).ConfigureAwait(false);
        int onlyRemote = listed.Checkpoints.Count(c => !c.Local);
        return ToolAnswer.Ok(new RemotesToolResult(remotes.Remotes, listed), McpJsonContext.Default.RemotesToolResult,
            $"Remotes: {string.Join(", ", remotes.Remotes.Select(r => $"{r.Name} ({r.Url})"))}. {listed.Remote} has {listed.Checkpoints.Count} checkpoint(s), "
            + (onlyRemote == 0 ? "all of them in this store too." : $"{onlyRemote} not in this store (checkpoint_pull fetches them): {string.Join(", ", listed.Checkpoints.Where(c => !c.Local).Take(10).Select(c => c.Id))}{(onlyRemote > 10 ? ", …" : "")}."));
    }

    [McpServerTool(Name = "checkpoint_push", Title = "Push checkpoints to a remote", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true), ToolOutput(typeof(TransferResult))]
    [Description("Send checkpoints to a git remote of the store, so another machine or person can pull them: every checkpoint, those of one name, or one id. Idempotent (what the remote has is not sent again) and never a force: a checkpoint the remote has under the same id with other content is refused as a conflict, nothing overwritten. Only what changed since the remote's checkpoints travels.")]
    public async Task<CallToolResult> Push(
        [Description("The remote; default: the only remote, else origin.")] string? remote = null,
        [Description("Only the checkpoints of this name.")] string? name = null,
        [Description("Only this checkpoint id, e.g. module-05_20250104_143022.")] string? id = null,
        [Description("Also send the episodic day notes (memory/episodic/YYYY-MM-DD.md) that link each checkpoint with a **Snapshot:** line, in its commit; the puller gets them in its notes folder. Default false: no note leaves the machine.")] bool withNotes = false,
        CancellationToken cancellationToken = default)
    {
        TransferResult pushed = await engine.PushAsync(new TransferRequest { Remote = remote, Name = name, Id = id, WithNotes = withNotes }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Answer(pushed, "pushed", "up-to-date");
    }

    [McpServerTool(Name = "checkpoint_pull", Title = "Pull checkpoints from a remote", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true,
        UseStructuredContent = true), ToolOutput(typeof(TransferResult))]
    [Description("Fetch checkpoints from a git remote of the store into this store (the workspace files are not touched: restore them afterwards with checkpoint_restore; episodic notes pushed with a checkpoint are written to memory/episodic only where that day's note is absent or identical, otherwise beside it as YYYY-MM-DD.<id>.md, never over a different note). Every file's SHA-256 is verified before a checkpoint appears; one that fails, or whose id this store has with other content, is refused and named, nothing overwritten.")]
    public async Task<CallToolResult> Pull(
        [Description("The remote; default: the only remote, else origin.")] string? remote = null,
        [Description("Only the checkpoints of this name.")] string? name = null,
        [Description("Only this checkpoint id.")] string? id = null,
        CancellationToken cancellationToken = default)
    {
        TransferResult pulled = await engine.PullAsync(new TransferRequest { Remote = remote, Name = name, Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Answer(pulled, "pulled", "present");
    }

    /// <summary>The result with a summary: how many moved, how many were already there, and each refusal with its reason.</summary>
    private static CallToolResult Answer(TransferResult result, string moved, string already)
    {
        int movedCount = result.Checkpoints.Count(c => c.Outcome == moved);
        int alreadyCount = result.Checkpoints.Count(c => c.Outcome == already);
        List<TransferredCheckpoint> refused = [.. result.Checkpoints.Where(c => c.Outcome != moved && c.Outcome != already)];
        string text = $"{result.Remote} ({result.Url}): {movedCount} {moved}, {alreadyCount} {already}"
            + (refused.Count == 0 ? "." : $"; {refused.Count} refused: {string.Join("; ", refused.Take(10).Select(c => $"{c.Id} {c.Outcome}{(c.Message is null ? "" : $" ({c.Message})")}"))}.");
        if (result.Checkpoints.Count == 0)
        {
            text = $"{result.Remote} ({result.Url}): no checkpoint to {(moved == "pushed" ? "push" : "pull")}.";
        }
        CallToolResult answer = ToolAnswer.Ok(result, McpJsonContext.Default.TransferResult, text);
        answer.IsError = refused.Count > 0 ? true : null;
        return answer;
    }
}
