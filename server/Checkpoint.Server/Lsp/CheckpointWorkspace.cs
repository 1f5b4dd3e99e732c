using Checkpoint.Core;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// The workspace one server instance serves, fixed at <c>initialize</c>: its root, the engine over its
/// store, and the folder whose markdown files get the notes features.
/// </summary>
internal sealed class CheckpointWorkspace
{
    /// <param name="root">Absolute workspace root.</param>
    /// <param name="storePath">Store folder, absolute or relative to the root; default <c>memory/checkpoints</c>.</param>
    /// <param name="notesPath">Notes folder, absolute or relative to the root; default <c>memory/episodic</c>.</param>
    public CheckpointWorkspace(string root, string? storePath = null, string? notesPath = null)
    {
        Root = Path.GetFullPath(root);
        Engine = new CheckpointEngine(Root, string.IsNullOrWhiteSpace(storePath) ? null : Path.GetFullPath(storePath, Root));
        NotesFolder = Path.TrimEndingDirectorySeparator(
            Path.GetFullPath(string.IsNullOrWhiteSpace(notesPath) ? EpisodicJournal.DefaultRelativeFolder : notesPath, Root));
        Journal = new EpisodicJournal(NotesFolder);
        Notes = new NoteLanguageService(new NoteLanguageServiceOptions { WorkspaceRoot = Root });
    }

    /// <summary>Absolute workspace root.</summary>
    public string Root { get; }

    /// <summary>The engine every custom request calls (the CLI verbs call the same one).</summary>
    public CheckpointEngine Engine { get; }

    /// <summary>Absolute folder of the episodic notes (<c>YYYY-MM-DD.md</c>).</summary>
    public string NotesFolder { get; }

    /// <summary>The day files in <see cref="NotesFolder"/> (the CLI's <c>note</c> appends to the same).</summary>
    public EpisodicJournal Journal { get; }

    /// <summary>The notes language service: lenses, symbols, diagnostics, completions, one parse per version.</summary>
    public NoteLanguageService Notes { get; }

    /// <summary>
    /// The workspace the client opened: its first workspace folder (else rootUri/rootPath, else the
    /// root discovered from the server's working directory), with the store and notes folders from
    /// <c>initializationOptions</c> when it gave them.
    /// </summary>
    public static CheckpointWorkspace FromSession(ClientSession session)
    {
        var root = session.WorkspaceFolders.FirstOrDefault() ?? CheckpointEngine.DiscoverRoot(Environment.CurrentDirectory);
        var options = CheckpointInitializationOptions.From(session.InitializeParams?.InitializationOptions);
        return new CheckpointWorkspace(root, options.StorePath, options.NotesPath);
    }

    /// <summary>True for a <c>file:</c> markdown document inside <see cref="NotesFolder"/> (at any depth).</summary>
    public bool IsNoteDocument(string uri) =>
        ClientSession.LocalPathOf(uri) is { } path
        && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        && path.StartsWith(NotesFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
