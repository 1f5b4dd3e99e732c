using Checkpoint.Core;
using Checkpoint.Core.Notes.Journal;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary><c>checkpoint/note</c>: the CLI's <c>note</c> — a template, or an entry with its fields filled in, appended to the day's note.</summary>
internal sealed class NoteHandler(Lazy<CheckpointWorkspace> workspace, TimeProvider clock)
{
    public async ValueTask<WrittenNote> HandleAsync(NoteParams parameters, CancellationToken cancellationToken)
    {
        var request = NoteAppendRequest.Parse(parameters.Format, parameters.ContextPct, parameters.Date, parameters.Time, clock.GetLocalNow());
        return await workspace.Value.Engine.WriteNoteAsync(workspace.Value.Journal, request, parameters.Fields,
            parameters.Snapshot ?? false, parameters.Append ?? true, cancellationToken).ConfigureAwait(false);
    }
}
