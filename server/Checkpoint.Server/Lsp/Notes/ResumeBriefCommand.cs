using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary><c>checkpoint.lens.resumeBrief</c> [uri, line]: the recovery brief of the entry at that line.</summary>
internal sealed class ResumeBriefCommand(OpenNotes notes, Lazy<CheckpointWorkspace> workspace)
{
    public ResumeBriefResult Execute(LensCommandArguments arguments, CancellationToken cancellationToken)
    {
        var note = notes.TryGet(arguments.Uri)
            ?? throw new CheckpointException(ErrorKind.NotFound, $"'{arguments.Uri}' is not an episodic note of this workspace (notes live in {workspace.Value.NotesFolder}).");
        try
        {
            var brief = workspace.Value.Notes.GetResumeBrief(note, arguments.Line, cancellationToken)
                ?? throw new CheckpointException(ErrorKind.InvalidArgument, $"No checkpoint entry covers line {arguments.Line} of '{arguments.Uri}'.");
            return new ResumeBriefResult(brief);
        }
        finally
        {
            // A command is not ordered with didClose, and the note may have come from disk.
            notes.ForgetUnlessOpen(arguments.Uri);
        }
    }
}
