using Checkpoint.Server.Lsp.Documents;
using Checkpoint.Server.Lsp.Lifecycle;
using Checkpoint.Server.Lsp.Progress;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// The state one language-server session shares with its handlers: the connection, the lifecycle,
/// what the client said, the open documents, the advertised capabilities, progress, loggers.
/// </summary>
public sealed class LanguageServer
{
    internal LanguageServer(IJsonRpcConnection connection, ServeOptions options, ILoggerFactory loggers)
    {
        Connection = connection;
        Loggers = loggers;
        Progress = new WorkDoneProgressFactory(connection, Session, loggers.CreateLogger<WorkDoneProgressFactory>());
        ClientWatcher = new ClientProcessWatcher(Lifecycle, options.ClientPollInterval, loggers.CreateLogger<ClientProcessWatcher>(), connection.Closing);
    }

    /// <summary>The JSON-RPC connection to the client.</summary>
    public IJsonRpcConnection Connection { get; }

    /// <summary>Initialize → shutdown → exit.</summary>
    public ServerLifecycle Lifecycle { get; } = new();

    /// <summary>What the client sent in initialize.</summary>
    public ClientSession Session { get; } = new();

    /// <summary>The documents the client has open.</summary>
    public TextDocumentStore Documents { get; } = new();

    /// <summary>What initialize answers; set where each handler is registered.</summary>
    public ServerCapabilities Capabilities { get; } = new();

    /// <summary>Begins work-done progress for long requests.</summary>
    public WorkDoneProgressFactory Progress { get; }

    /// <summary>Creates loggers (stderr and window/logMessage).</summary>
    public ILoggerFactory Loggers { get; }

    internal ClientProcessWatcher ClientWatcher { get; }
}
