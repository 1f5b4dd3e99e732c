using Checkpoint.Core;

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
            Path.GetFullPath(string.IsNullOrWhiteSpace(notesPath) ? Path.Combine("memory", "episodic") : notesPath, Root));
    }

    /// <summary>Absolute workspace root.</summary>
    public string Root { get; }

    /// <summary>The engine every custom request calls (the CLI verbs call the same one).</summary>
    public CheckpointEngine Engine { get; }

    /// <summary>Absolute folder of the episodic notes (<c>YYYY-MM-DD.md</c>).</summary>
    public string NotesFolder { get; }

    /// <summary>
    /// The root an LSP client names: <c>rootUri</c>, else the first workspace folder, else the
    /// deprecated <c>rootPath</c>; null when the client opened no folder.
    /// </summary>
    public static string? RootFrom(string? rootUri, string? firstWorkspaceFolderUri, string? rootPath) =>
        DocumentPaths.ToLocalPath(rootUri) ?? DocumentPaths.ToLocalPath(firstWorkspaceFolderUri) ?? (string.IsNullOrWhiteSpace(rootPath) ? null : rootPath);

    /// <summary>True for a <c>file:</c> markdown document inside <see cref="NotesFolder"/> (at any depth).</summary>
    public bool IsNoteDocument(string uri) =>
        DocumentPaths.ToLocalPath(uri) is { } path
        && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        && path.StartsWith(NotesFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
