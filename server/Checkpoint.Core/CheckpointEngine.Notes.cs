using System.Globalization;
using System.Text.Json.Serialization;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core;

/// <summary>
/// An episodic-note entry as written (or only rendered), and the snapshot it links, if one was taken: the
/// result of <c>checkpoint/note</c> and of the CLI's <c>note --json</c> (protocol.ts' NoteResult).
/// </summary>
/// <param name="Path">The day's note file.</param>
/// <param name="Line">0-based line of the entry's heading in the file; -1 when it was only rendered.</param>
/// <param name="Format">The entry's format (not on the wire: the caller asked for it).</param>
/// <param name="Text">The entry's markdown.</param>
/// <param name="Snapshot">The checkpoint saved and linked from the entry, when one was asked for.</param>
public sealed record WrittenNote(string Path, int Line, [property: JsonIgnore] NoteFormat Format, string Text, SaveResult? Snapshot);

// Episodic notes that touch the store: an entry filled in by an agent, with its files saved and linked as the
// editor's "Snapshot files now" lens links them. One home for the CLI's note, the language server's
// checkpoint/note and the MCP tool checkpoint_note.
public sealed partial class CheckpointEngine
{
    /// <summary>The <see cref="WrittenNote.Line"/> of an entry that was only rendered: it is in no file.</summary>
    public const int NoteNotAppended = -1;

    /// <summary>
    /// Writes an entry to the day's note of <paramref name="journal"/>: the blank template of the format, or with
    /// <paramref name="fields"/> the entry filled in (refused, before anything is written, when a required field is
    /// missing or a key unknown). With <paramref name="snapshot"/> the workspace is saved first as
    /// <c>notes-YYYY-MM-DD</c> (stage = the format) and the entry links it (<c>**Snapshot:** &lt;id&gt;</c>).
    /// With <paramref name="append"/> false it is only rendered.
    /// </summary>
    public async Task<WrittenNote> WriteNoteAsync(EpisodicJournal journal, NoteAppendRequest request, IReadOnlyDictionary<string, string>? fields,
        bool snapshot = false, bool append = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(request);
        if (snapshot && (fields is null || !append))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, fields is null
                ? "A snapshot is linked from a filled-in entry: give the entry's fields too (a blank template gets its snapshot from the note's \"Snapshot files now\" lens)."
                : "A snapshot is only taken for an entry that is written: drop snapshot or append = false.");
        }
        // Rendered once before the snapshot, so bad fields refuse the call before anything is written.
        string text = fields is null
            ? NoteTemplates.Render(request.Format, request.Time, request.ContextPercent)
            : FilledEntry.Render(request.Format, request.Time, request.ContextPercent, fields);
        if (!append)
        {
            return new WrittenNote(journal.PathFor(request.Date), NoteNotAppended, request.Format, text, null);
        }
        SaveResult? saved = null;
        if (snapshot)
        {
            saved = await SaveAsync(new SaveRequest
            {
                Name = $"{NoteSnapshotNaming.FallbackName}-{request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                Stage = NoteFormatNames.ToWireName(request.Format),
                Notes = fields!.GetValueOrDefault("status") ?? fields!.GetValueOrDefault("currentState") ?? fields!.GetValueOrDefault("task") ?? "",
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            text = FilledEntry.Render(request.Format, request.Time, request.ContextPercent, fields!, saved.Checkpoint.Id);
        }
        JournalAppendResult appended = Guard(() => journal.Append(request.Date, text));
        return new WrittenNote(appended.Path, appended.Line, request.Format, appended.Text, saved);
    }
}
