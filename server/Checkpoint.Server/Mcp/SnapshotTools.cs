using System.ComponentModel;
using System.Text;
using System.Text.Json.Nodes;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Core.WorkingTree;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// The file-snapshot tools. Each one translates arguments into an engine request and the result into an answer;
/// the logic is the engine's. Annotations are truthful: only list/show/diff/verify/recover/advice read alone;
/// restore, delete and prune destroy (restore overwrites files, its safety checkpoint makes that undoable).
/// </summary>
[McpServerToolType]
internal sealed class SnapshotTools(CheckpointEngine engine, ConfirmationTokens tokens)
{
    private const int ListLimit = 500;
    private const int DiffBudget = 64 * 1024;

    [McpServerTool(Name = "checkpoint_save", Title = "Save a checkpoint", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(SaveResult))]
    [Description("Save workspace files as a new named checkpoint (content-addressed: unchanged files cost nothing). Without files or context the whole workspace is saved (.gitignore and .checkpointignore respected). Returns the checkpoint id to pass to diff/restore, and what the store's retention setting removed.")]
    public async Task<CallToolResult> Save(
        [Description("Checkpoint name: letters, digits, '-' and '_', at most 50 characters, e.g. module-05 or refactor-auth.")] string name,
        [Description("Stage label, one line, e.g. draft, before-refactor, validated. Stages final and validated are never deleted by retention.")] string stage,
        [Description("What this checkpoint captures, free text.")] string? notes = null,
        [Description("Files, folders or globs (** allowed) relative to the workspace root. Default: the whole workspace.")] string[]? files = null,
        [Description("A folder (relative to the root) to save instead of the whole workspace.")] string? context = null,
        [Description("Extra JSON object stored with the checkpoint, e.g. {\"ticket\":\"ABC-1\"}.")] JsonObject? metadata = null,
        CancellationToken cancellationToken = default)
    {
        SaveResult saved = await engine.SaveAsync(new SaveRequest
        {
            Name = name,
            Stage = stage,
            Notes = notes ?? "",
            Files = files,
            Context = context,
            Metadata = metadata,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        StringBuilder text = new($"Saved {saved.Checkpoint.Id}: {saved.Checkpoint.TotalFiles} files, {saved.NewObjects} new ({saved.BytesWritten} bytes written), {saved.ReusedObjects} unchanged.");
        if (saved.Skipped.Count > 0)
        {
            text.Append($" Not saved ({saved.Skipped.Count}): ")
                .Append(string.Join("; ", saved.Skipped.Take(10).Select(s => $"{s.Path} ({s.Reason})")))
                .Append(saved.Skipped.Count > 10 ? $"; … {saved.Skipped.Count - 10} more (skipped in the result)." : ".");
        }
        if (saved.Retention is { } retention)
        {
            text.Append(retention.Deleted.Count == 0
                ? " Retention removed nothing."
                : $" Retention removed {retention.Deleted.Count}: {string.Join(", ", retention.Deleted)}.");
        }
        return ToolAnswer.Ok(saved, McpJsonContext.Default.SaveResult, text.ToString());
    }

    [McpServerTool(Name = "checkpoint_list", Title = "List checkpoints", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(ListResult))]
    [Description("List the checkpoints of the workspace (or of one name), grouped by name, newest first, with id, stage, notes and size.")]
    public CallToolResult List([Description("Only this checkpoint name.")] string? name = null)
    {
        ListResult list = engine.List(name);
        string text = list.Checkpoints.Count == 0
            ? name is null ? "No checkpoints yet." : $"No checkpoints named {name}."
            : $"{list.Checkpoints.Count} checkpoint(s): " + string.Join("; ", list.Checkpoints.Take(20).Select(c => $"{c.Id} ({c.Stage}, {c.TotalFiles} files)"))
              + (list.Checkpoints.Count > 20 ? $"; … {list.Checkpoints.Count - 20} more" : "") + ".";
        if (list.Unreadable.Count > 0)
        {
            text += $" {list.Unreadable.Count} damaged checkpoint(s) not listed (their checkpoint.json cannot be read): " +
                string.Join(", ", list.Unreadable.Take(20)) + "; checkpoint_verify says what is wrong.";
        }
        return ToolAnswer.Ok(list, McpJsonContext.Default.ListResult, text);
    }

    [McpServerTool(Name = "checkpoint_show", Title = "Show a checkpoint", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(ShowToolResult))]
    [Description("Show one checkpoint: stage, notes, metadata, totals and its files (the first 200). Give its id, or a name for the latest of that name.")]
    public CallToolResult Show(
        [Description("Checkpoint id as listed, e.g. module-05_20250104_143022.")] string? id = null,
        [Description("A checkpoint name instead of an id: its latest checkpoint.")] string? name = null)
    {
        CheckpointDetail detail = engine.Show(Select(id, name));
        const int FileLimit = 200;
        ShowToolResult shown = new(Summary(detail), detail.Metadata, [.. detail.Files.Take(FileLimit)], Math.Max(0, detail.Files.Count - FileLimit));
        return ToolAnswer.Ok(shown, McpJsonContext.Default.ShowToolResult,
            $"{detail.Id}: stage {detail.Stage}, {detail.TotalFiles} files, {detail.TotalSize} bytes, saved {detail.Created}." + (detail.Notes.Length > 0 ? $" Notes: {detail.Notes}" : ""));
    }

    [McpServerTool(Name = "checkpoint_diff", Title = "Diff a checkpoint against the workspace", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(DiffToolResult))]
    [Description("Compare a checkpoint with the working tree, within the checkpoint's saved scope: files added since, removed since, changed. With unified = true, also a unified diff (checkpoint = a/, working tree = b/) of each text file, 64 KB at most in all. With to = another checkpoint's id, compare the two checkpoints instead (added = only in to, removed = only in id; no unified diff).")]
    public async Task<CallToolResult> Diff(
        [Description("Checkpoint id as listed, e.g. module-05_20250104_143022.")] string id,
        [Description("Only these files or folders (root-relative).")] string[]? paths = null,
        [Description("Include unified diffs of the text files.")] bool unified = false,
        [Description("Another checkpoint's id: compare id with it instead of with the working tree.")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        CheckpointRef checkpoint = CheckpointRef.FromId(id);
        if (to is not null && unified)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, "unified diffs compare a checkpoint with the working tree: leave out unified, or to.");
        }
        (DiffResult diff, IReadOnlyList<FileTextDiff> files) = to is not null
            ? (await engine.DiffCheckpointsAsync(checkpoint, CheckpointRef.FromId(to), cancellationToken).ConfigureAwait(false), [])
            : unified
            ? await engine.DiffTextAsync(checkpoint, paths, DiffBudget, cancellationToken).ConfigureAwait(false)
            : (await engine.DiffAsync(checkpoint, cancellationToken).ConfigureAwait(false), []);
        string versus = diff.To ?? "working tree";
        List<string> added = Within(diff.Added, paths), removed = Within(diff.Removed, paths), changed = Within(diff.Changed, paths);
        long omitted = Math.Max(0, added.Count - ListLimit) + Math.Max(0, removed.Count - ListLimit) + Math.Max(0, changed.Count - ListLimit);
        DiffToolResult result = new(diff.Id, [.. added.Take(ListLimit)], [.. removed.Take(ListLimit)], [.. changed.Take(ListLimit)], diff.Unchanged, omitted,
            unified ? files : null) { To = diff.To };
        StringBuilder text = new(added.Count + removed.Count + changed.Count == 0
            ? $"No differences: the {versus} matches {diff.Id} ({diff.Unchanged} files)."
            : $"{diff.Id} vs {versus}: {changed.Count} changed, {added.Count} added, {removed.Count} removed, {diff.Unchanged} unchanged."
              + Names(" Changed", changed) + Names(" Added", added) + Names(" Removed", removed));
        foreach (FileTextDiff file in files)
        {
            if (file.Unified is { Length: > 0 } body)
            {
                text.Append("\n\n").Append(body.TrimEnd());
            }
        }
        return ToolAnswer.Ok(result, McpJsonContext.Default.DiffToolResult, text.ToString());
    }

    [McpServerTool(Name = "checkpoint_restore", Title = "Restore a checkpoint (preview, then confirm)", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(ConfirmedToolResult))]
    [Description("Restore files from a checkpoint. Two steps: the first call changes nothing and returns the preview (files to create and overwrite, with their diff) and a one-time confirmationToken; call again with confirm = that token to restore. Before overwriting, the files about to be replaced are saved as a safety checkpoint; the result says how to undo. Files not in the checkpoint are left alone. Use paths to restore single files or folders.")]
    public async Task<CallToolResult> Restore(
        McpServer server,
        [Description("Checkpoint id as listed, e.g. module-05_20250104_143022.")] string id,
        [Description("Restore only these files or folders of the checkpoint (root-relative).")] string[]? paths = null,
        [Description("Restore into this folder instead of the workspace (created when missing; no safety checkpoint needed).")] string? target = null,
        [Description("The confirmationToken from the preview call. Without it nothing is written.")] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        const string Operation = "checkpoint_restore";
        ResumeRequest request = new() { Checkpoint = CheckpointRef.FromId(id), Paths = paths, Target = target, DryRun = true };
        ResumeResult preview = await engine.ResumeAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        string subject = $"{preview.Id} [{string.Join(", ", paths ?? [])}] → {preview.Target}";
        string fingerprint = RestorePreview.Fingerprint(preview);
        IReadOnlyList<FileTextDiff>? diff = target is null && preview.Overwritten.Count > 0
            ? (await engine.DiffTextAsync(request.Checkpoint, preview.Overwritten, DiffBudget, cancellationToken).ConfigureAwait(false)).Files
            : null;
        string plan = $"{preview.Overwritten.Count} to overwrite, {preview.Created.Count} to create, {preview.Unchanged.Count} already identical." +
            Names(" Overwrite", preview.Overwritten) + Names(" Create", preview.Created);

        if (confirm is null)
        {
            if (Confirmations.ClientCanBeAsked(server))
            {
                if (!await Confirmations.AskAsync(server, $"Restore {preview.Id} into {preview.Target}? {plan}", cancellationToken).ConfigureAwait(false))
                {
                    return ToolAnswer.Ok(new ConfirmedToolResult("declined", preview.Id, preview, null, diff, null, null, null, null),
                        McpJsonContext.Default.ConfirmedToolResult, $"Not restored: the user declined. Nothing was written. Would have: {plan}");
                }
                if (RestorePreview.Fingerprint(preview) != fingerprint)
                {
                    return ToolAnswer.Error("The files changed while the user was asked; nothing was written. Call checkpoint_restore again for a fresh preview.");
                }
            }
            else
            {
                string token = tokens.Issue(Operation, subject, fingerprint);
                return ToolAnswer.Ok(new ConfirmedToolResult("preview", preview.Id, preview, null, diff, token, (int)tokens.Lifetime.TotalSeconds, null, null),
                    McpJsonContext.Default.ConfirmedToolResult,
                    $"Preview only, nothing written. Restoring {preview.Id} would: {plan} To restore, call checkpoint_restore again with the same id{(paths is null ? "" : ", paths")}{(target is null ? "" : ", target")} and confirm = \"{token}\"."
                    + DiffText(diff));
            }
        }
        else
        {
            tokens.Redeem(confirm, Operation, subject, fingerprint);
        }

        ResumeResult restored = await engine.ResumeAsync(request with { DryRun = false }, cancellationToken: cancellationToken).ConfigureAwait(false);
        string? undo = restored.SafetyCheckpoint is { } safety
            ? $"checkpoint_restore {{\"id\": \"{safety}\"}} puts back the {restored.Overwritten.Count + restored.Deleted.Count} file(s) this restore replaced (they are in {safety})."
            : null;
        string summary = $"Restored {restored.Id} into {restored.Target}: {restored.Overwritten.Count} overwritten, {restored.Created.Count} created, {restored.Unchanged.Count} unchanged, verified {(restored.Verified ? "yes" : "no")}."
            + (restored.Failed.Count > 0 ? $" Failed: {string.Join(", ", restored.Failed.Select(f => $"{f.Path} ({f.Reason})"))}." : "")
            + (undo is null ? " Nothing was overwritten, so no safety checkpoint was needed." : $" Undo: {undo}");
        return ToolAnswer.Ok(new ConfirmedToolResult("restored", restored.Id, restored, null, null, null, null, restored.SafetyCheckpoint, undo),
            McpJsonContext.Default.ConfirmedToolResult, summary);
    }

    [McpServerTool(Name = "checkpoint_delete", Title = "Delete a checkpoint (preview, then confirm)", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(ConfirmedToolResult))]
    [Description("Delete one checkpoint. Two steps: the first call deletes nothing and returns what would go and a one-time confirmationToken; call again with confirm = that token to delete. Stored contents shared with other checkpoints stay; checkpoint_prune frees the rest.")]
    public async Task<CallToolResult> Delete(
        McpServer server,
        [Description("Checkpoint id as listed, e.g. module-05_20250104_143022.")] string id,
        [Description("The confirmationToken from the preview call. Without it nothing is deleted.")] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        const string Operation = "checkpoint_delete";
        CheckpointRef reference = CheckpointRef.FromId(id);
        CheckpointSummary checkpoint = Summary(engine.Show(reference));
        string fingerprint = $"{checkpoint.Id} {checkpoint.Created} {checkpoint.TotalFiles} {checkpoint.TotalSize}";
        string what = $"{checkpoint.Id} (stage {checkpoint.Stage}, {checkpoint.TotalFiles} files, saved {checkpoint.Created})";
        if (confirm is null)
        {
            if (Confirmations.ClientCanBeAsked(server))
            {
                if (!await Confirmations.AskAsync(server, $"Delete checkpoint {what}?", cancellationToken).ConfigureAwait(false))
                {
                    return ToolAnswer.Ok(new ConfirmedToolResult("declined", checkpoint.Id, null, checkpoint, null, null, null, null, null),
                        McpJsonContext.Default.ConfirmedToolResult, $"Not deleted: the user declined. {checkpoint.Id} is still there.");
                }
            }
            else
            {
                string token = tokens.Issue(Operation, checkpoint.Id, fingerprint);
                return ToolAnswer.Ok(new ConfirmedToolResult("preview", checkpoint.Id, null, checkpoint, null, token, (int)tokens.Lifetime.TotalSeconds, null, null),
                    McpJsonContext.Default.ConfirmedToolResult,
                    $"Preview only, nothing deleted. This would delete {what}. To delete it, call checkpoint_delete again with the same id and confirm = \"{token}\".");
            }
        }
        else
        {
            tokens.Redeem(confirm, Operation, checkpoint.Id, fingerprint);
        }
        DeleteResult deleted = engine.Delete(reference.Name, reference.Timestamp!);
        return ToolAnswer.Ok(new ConfirmedToolResult("deleted", deleted.Id, null, checkpoint, null, null, null, null, null),
            McpJsonContext.Default.ConfirmedToolResult, $"Deleted {deleted.Id}.");
    }

    [McpServerTool(Name = "checkpoint_verify", Title = "Verify checkpoints", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(VerifyResult))]
    [Description("Check stored contents against their SHA-256: one checkpoint (id), all of a name, or every checkpoint when neither is given. Reports damaged files (missing, mismatch, unreadable).")]
    public async Task<CallToolResult> Verify(
        [Description("Checkpoint id as listed.")] string? id = null,
        [Description("Every checkpoint of this name.")] string? name = null,
        [Description("Decode and rehash every compressed object; by default a compressed pack entry is proven by the checksum of its stored bytes, written when the save decoded it back.")] bool deep = false,
        CancellationToken cancellationToken = default)
    {
        CheckpointRef? reference = id is null ? null : CheckpointRef.FromId(id);
        VerifyResult verified = await engine.VerifyAsync(reference?.Name ?? name, reference?.Timestamp, cancellationToken: cancellationToken, deep: deep).ConfigureAwait(false);
        List<VerifiedCheckpoint> damaged = [.. verified.Checkpoints.Where(c => !c.Ok)];
        string text = verified.Ok
            ? $"OK: {verified.Checkpoints.Count} checkpoint(s), {verified.Checkpoints.Sum(c => c.Files)} files, every content matches its SHA-256."
            : $"DAMAGED: {damaged.Count} of {verified.Checkpoints.Count} checkpoint(s): " +
              string.Join("; ", damaged.Select(c => $"{c.Id}: {string.Join(", ", c.Damaged.Take(5).Select(d => $"{d.Path} ({d.Problem})"))}")) + ".";
        return ToolAnswer.Ok(verified, McpJsonContext.Default.VerifyResult, text);
    }

    [McpServerTool(Name = "checkpoint_prune", Title = "Prune old checkpoints", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(PruneToolResult))]
    [Description("Delete old checkpoints and free unreferenced contents. A dry run (nothing deleted) unless confirm = true. Default schedule: keep the last 7 days, drop others older than 30 days; keepLast/maxAgeDays replace it. Stages final and validated are always kept.")]
    public CallToolResult Prune(
        [Description("Keep the newest N checkpoints of each name.")] int? keepLast = null,
        [Description("Delete checkpoints older than D days.")] int? maxAgeDays = null,
        [Description("true to delete; otherwise only report what would go.")] bool confirm = false)
    {
        PruneResult pruned = engine.Prune(new PruneRequest { KeepLast = keepLast, MaxAgeDays = maxAgeDays, DryRun = !confirm });
        string text = (confirm ? $"Deleted {pruned.Deleted.Count}" : $"Dry run, nothing deleted: would delete {pruned.Deleted.Count}")
            + $" checkpoint(s){(pruned.Deleted.Count > 0 ? ": " + string.Join(", ", pruned.Deleted.Take(20)) : "")}, keep {pruned.Kept.Count}, free {pruned.ObjectsRemoved} contents ({pruned.BytesFreed} bytes)."
            + (confirm ? "" : " Call again with confirm = true to delete.");
        return ToolAnswer.Ok(new PruneToolResult(confirm, pruned, engine.GetRetention()), McpJsonContext.Default.PruneToolResult, text);
    }

    private static CheckpointRef Select(string? id, string? name) =>
        id is not null ? CheckpointRef.FromId(id)
        : name is not null ? new CheckpointRef(name, Latest: true)
        : throw new CheckpointException(ErrorKind.InvalidArgument, "Give id (e.g. module-05_20250104_143022) or name (its latest checkpoint); checkpoint_list shows both.");

    private static CheckpointSummary Summary(CheckpointDetail detail) => new()
    {
        Id = detail.Id,
        Name = detail.Name,
        Timestamp = detail.Timestamp,
        Created = detail.Created,
        Stage = detail.Stage,
        Notes = detail.Notes,
        TotalFiles = detail.TotalFiles,
        TotalWords = detail.TotalWords,
        TotalSize = detail.TotalSize,
        Layout = detail.Layout,
        Scope = detail.Scope,
    };

    private static List<string> Within(IReadOnlyList<string> files, string[]? paths) =>
        [.. files.Where(f => PathSelection.AnySelects(paths, f))];

    private static string Names(string label, IReadOnlyList<string> paths) =>
        paths.Count == 0 ? "" : $"{label}: {string.Join(", ", paths.Take(10))}{(paths.Count > 10 ? $" and {paths.Count - 10} more" : "")}.";

    private static string DiffText(IReadOnlyList<FileTextDiff>? diff)
    {
        if (diff is null)
        {
            return "";
        }
        StringBuilder text = new("\n\nDiff (a/ = the checkpoint, b/ = the working tree now; the restore turns b back into a):");
        foreach (FileTextDiff file in diff)
        {
            text.Append("\n\n").Append(file.Binary ? $"{file.Path}: binary, not shown" : file.Unified?.TrimEnd() ?? $"{file.Path}: past the diff budget");
        }
        return text.ToString();
    }
}
