using Checkpoint.Core.Notes;
using Checkpoint.Server.Lsp.Documents;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// Which documents get the notes features (markdown files under the workspace's notes folder) and
/// their current text: the open editor's version, or the file on disk for commands that name a note
/// the client does not have open.
/// </summary>
internal sealed class OpenNotes(TextDocumentStore documents, Lazy<CheckpointWorkspace> workspace)
{
    // Disk reads get a version no editor uses, so the parse cache never mistakes them for an editor's text.
    private const int DiskVersion = int.MinValue;

    /// <summary>True when <paramref name="uri"/> is an episodic note of this workspace.</summary>
    public bool IsNote(string uri) => workspace.Value.IsNoteDocument(uri);

    /// <summary>The open note at <paramref name="uri"/>; null when it is not open or not a note.</summary>
    public NoteTextDocument? TryGetOpen(string uri) =>
        IsNote(uri) && documents.TryGet(uri, out TextDocument? document)
            ? new NoteTextDocument(document.Uri, document.Version, document.Text)
            : null;

    /// <summary>The note at <paramref name="uri"/> as the editor has it, else as saved; null when it is neither.</summary>
    public NoteTextDocument? TryGet(string uri)
    {
        if (TryGetOpen(uri) is { } open)
        {
            return open;
        }

        return IsNote(uri) && ClientSession.LocalPathOf(uri) is { } path && File.Exists(path)
            ? new NoteTextDocument(uri, DiskVersion, File.ReadAllText(path))
            : null;
    }
}
