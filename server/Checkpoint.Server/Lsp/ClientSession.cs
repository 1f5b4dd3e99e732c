namespace Checkpoint.Server.Lsp;

/// <summary>What the client told the server in initialize: its capabilities and workspace.</summary>
public sealed class ClientSession
{
    private volatile InitializeParams? _initialize;

    /// <summary>The initialize params; null before initialize.</summary>
    public InitializeParams? InitializeParams => _initialize;

    /// <summary>The client's capabilities (empty before initialize).</summary>
    public ClientCapabilities Capabilities => _initialize?.Capabilities ?? new ClientCapabilities();

    /// <summary>The client accepts window/workDoneProgress/create and $/progress.</summary>
    public bool SupportsWorkDoneProgress => Capabilities.Window?.WorkDoneProgress == true;

    /// <summary>The client accepts workspace/applyEdit.</summary>
    public bool SupportsApplyEdit => Capabilities.Workspace?.ApplyEdit == true;

    /// <summary>
    /// Local paths of the workspace folders: the workspaceFolders when sent, else rootUri, else
    /// rootPath. Empty when the client opened no folder.
    /// </summary>
    public IReadOnlyList<string> WorkspaceFolders
    {
        get
        {
            InitializeParams? initialize = _initialize;
            if (initialize?.WorkspaceFolders is { Count: > 0 } folders)
            {
                return [.. folders.Select(folder => LocalPathOf(folder.Uri)).OfType<string>()];
            }

            string? root = LocalPathOf(initialize?.RootUri) ?? initialize?.RootPath;
            return root is null ? [] : [root];
        }
    }

    /// <summary>Remembers the initialize params.</summary>
    internal void Initialize(InitializeParams parameters) => _initialize = parameters;

    /// <summary>The local path of a file: URI; null for other schemes or malformed URIs.</summary>
    public static string? LocalPathOf(string? uri) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && parsed.IsFile ? parsed.LocalPath : null;
}
