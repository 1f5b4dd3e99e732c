using System.Globalization;
using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Server.Lsp.Progress;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// <c>checkpoint.lens.snapshotNow</c> [uri, line]: saves the whole workspace as <c>notes-YYYY-MM-DD</c>
/// (the note's day; stage = the entry's format, notes = its status) and links the new checkpoint from the
/// entry with a <c>**Snapshot:** &lt;id&gt;</c> line through workspace/applyEdit, so the edit lands in the
/// editor's buffer (and its undo stack) rather than behind its back on disk.
/// </summary>
internal sealed class SnapshotNowCommand(
    IJsonRpcConnection connection,
    ClientSession session,
    OpenNotes notes,
    Lazy<CheckpointWorkspace> workspace,
    WorkDoneProgressFactory progressFactory,
    ILogger<SnapshotNowCommand> logger)
{
    private const string ApplyEditMethod = "workspace/applyEdit";

    public async Task<SaveResult> ExecuteAsync(LensCommandArguments arguments, JsonElement? workDoneToken, CancellationToken cancellationToken)
    {
        try
        {
            return await SaveAndLinkAsync(arguments, workDoneToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A command is not ordered with didClose (this one runs for seconds), and the note may have come from disk.
            notes.ForgetUnlessOpen(arguments.Uri);
        }
    }

    private async Task<SaveResult> SaveAndLinkAsync(LensCommandArguments arguments, JsonElement? workDoneToken, CancellationToken cancellationToken)
    {
        var note = notes.TryGet(arguments.Uri)
            ?? throw new CheckpointException(ErrorKind.NotFound, $"'{arguments.Uri}' is not an episodic note of this workspace (notes live in {workspace.Value.NotesFolder}).");
        var entry = workspace.Value.Notes.GetEntryAt(note, arguments.Line, cancellationToken)
            ?? throw new CheckpointException(ErrorKind.InvalidArgument, $"No checkpoint entry covers line {arguments.Line} of '{arguments.Uri}'.");

        var request = new SaveRequest
        {
            Name = $"notes-{NoteDay(arguments.Uri).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            Stage = NoteFormatNames.ToWireName(entry.Format),
            Notes = ResumeBrief.Status(entry) is { } status ? string.Join(' ', status.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "",
            Cwd = workspace.Value.Root,
        };
        await using var progress = await EngineProgress.BeginAsync(progressFactory, "Snapshotting the workspace", workDoneToken, cancellationToken).ConfigureAwait(false);
        var saved = await progress.RunAsync(token => workspace.Value.Engine.SaveAsync(request, progress, token)).ConfigureAwait(false);

        await LinkAsync(arguments, saved.Checkpoint.Id, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    private async Task LinkAsync(LensCommandArguments arguments, string id, CancellationToken cancellationToken)
    {
        if (!session.SupportsApplyEdit)
        {
            logger.LogWarning("Saved {Id}, but the client does not accept workspace/applyEdit: link it from the note by hand.", id);
            return;
        }

        // The note may have changed while the files were saved: compute the edit on its latest text.
        if (notes.TryGet(arguments.Uri) is not { } latest
            || workspace.Value.Notes.GetSnapshotLinkEdit(latest, arguments.Line, id, cancellationToken) is not { } edit)
        {
            logger.LogWarning("Saved {Id}, but the entry at line {Line} of {Uri} is gone: not linked.", id, arguments.Line, arguments.Uri);
            return;
        }

        var change = new ApplyWorkspaceEditParams(
            $"Link checkpoint {id}",
            new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [arguments.Uri] = [NoteLspTranslation.ToLsp(edit)] }));
        var answer = await connection.SendRequestAsync(
            ApplyEditMethod,
            change,
            LspFeatureJsonContext.Default.ApplyWorkspaceEditParams,
            LspFeatureJsonContext.Default.ApplyWorkspaceEditResult,
            cancellationToken).ConfigureAwait(false);
        if (!answer.Applied)
        {
            logger.LogWarning("Saved {Id}, but the client did not apply the Snapshot line: {Reason}", id, answer.FailureReason ?? "no reason given");
        }
    }

    // The day of a note is its file name (YYYY-MM-DD.md); a note named otherwise belongs to today.
    private static DateOnly NoteDay(string uri) =>
        DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(ClientSession.LocalPathOf(uri)), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : DateOnly.FromDateTime(DateTime.Now);
}
