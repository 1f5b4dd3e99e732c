using Checkpoint.Core.Notes;
using Checkpoint.Server.Lsp.Documents;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// Which documents get the notes features (markdown files under the workspace's notes folder) and
/// their current text: the open editor's version, or the file on disk for commands that name a note
/// the client does not have open. Owns how long the notes service keeps a note's parse: while the
/// note is open, not after.
/// </summary>
internal sealed class OpenNotes
{
    // Disk reads get a version no editor uses, so the parse cache never mistakes them for an editor's text.
    private const int DiskVersion = int.MinValue;

    private readonly TextDocumentStore _documents;
    private readonly Lazy<CheckpointWorkspace> _workspace;

    public OpenNotes(TextDocumentStore documents, Lazy<CheckpointWorkspace> workspace)
    {
        _documents = documents;
        _workspace = workspace;

        // On the serial document-sync path, after the store let go of the text: nothing that arrives later reads this version.
        documents.Closed += document =>
        {
            if (IsNote(document.Uri))
            {
                _workspace.Value.Notes.Forget(document.Uri);
            }
        };
    }

    /// <summary>True when <paramref name="uri"/> is an episodic note of this workspace.</summary>
    public bool IsNote(string uri) => _workspace.Value.IsNoteDocument(uri);

    /// <summary>The open note at <paramref name="uri"/>; null when it is not open or not a note.</summary>
    public NoteTextDocument? TryGetOpen(string uri) =>
        IsNote(uri) && _documents.TryGet(uri, out TextDocument? document)
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

    /// <summary>
    /// Drops the notes service's parse of <paramref name="uri"/> unless the note is open. Work that does not
    /// run in the document-sync order (diagnostics after a pause, lens commands) calls it when done: it may
    /// have read the note from disk, or parsed a version the client closed meanwhile, after didClose forgot
    /// the note; either parse would otherwise stay for the rest of the session.
    /// </summary>
    public void ForgetUnlessOpen(string uri)
    {
        // The store drops a document before it raises Closed: if it is still there, the close has not
        // happened and will forget the parse itself; if it is gone, whatever this work parsed goes now.
        if (!_documents.TryGet(uri, out TextDocument? _))
        {
            _workspace.Value.Notes.Forget(uri);
        }
    }
}
