namespace Checkpoint.Server.Lsp;

/// <summary>Between LSP document uris and local paths.</summary>
internal static class DocumentPaths
{
    /// <summary>The absolute local path of a <c>file:</c> uri; null for other schemes or no uri.</summary>
    public static string? ToLocalPath(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile
            ? Path.GetFullPath(parsed.LocalPath)
            : null;

    /// <summary>The <c>file:</c> uri of an absolute path, as VS Code writes it.</summary>
    public static string ToUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
