using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>initialize: records the client's capabilities and workspace, answers with ours.</summary>
internal sealed class InitializeHandler(
    ServerLifecycle lifecycle,
    ClientSession session,
    ServerCapabilities capabilities,
    ClientProcessWatcher clientWatcher,
    ILogger<InitializeHandler> logger)
{
    public const string Method = "initialize";

    private static readonly string? Version =
        typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public ValueTask<InitializeResult> HandleAsync(InitializeParams parameters, CancellationToken cancellationToken)
    {
        session.Initialize(parameters);
        lifecycle.Initialize();
        if (parameters.ProcessId is int processId)
        {
            clientWatcher.Watch(processId);
        }

        logger.LogInformation(
            "Initialized by {Client} for {Folders}.",
            parameters.ClientInfo?.Name ?? "an unnamed client",
            session.WorkspaceFolders.Count == 0 ? "no folder" : string.Join(", ", session.WorkspaceFolders));

        return ValueTask.FromResult(new InitializeResult
        {
            Capabilities = capabilities,
            ServerInfo = new ServerInfo { Name = "checkpoint", Version = Version },
        });
    }
}
