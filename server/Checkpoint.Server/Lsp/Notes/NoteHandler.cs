using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary><c>checkpoint/note</c>: the CLI's <c>note</c> — render a template and append it to the day's note.</summary>
internal sealed class NoteHandler(Lazy<CheckpointWorkspace> workspace, TimeProvider clock)
{
    /// <summary>The <c>line</c> of a note that was only rendered, not appended: it is in no file.</summary>
    public const int NotAppended = -1;

    public ValueTask<NoteResult> HandleAsync(NoteParams parameters, CancellationToken cancellationToken)
    {
        var request = NoteAppendRequest.Parse(parameters.Format, parameters.ContextPct, parameters.Date, parameters.Time, clock.GetLocalNow());
        var journal = workspace.Value.Journal;
        if (parameters.Append == false)
        {
            var text = NoteTemplates.Render(request.Format, request.Time, request.ContextPercent);
            return ValueTask.FromResult(new NoteResult(journal.PathFor(request.Date), text, NotAppended));
        }

        var appended = journal.AppendTemplate(request.Format, request.Date, request.Time, request.ContextPercent);
        return ValueTask.FromResult(new NoteResult(appended.Path, appended.Text, appended.Line));
    }
}
