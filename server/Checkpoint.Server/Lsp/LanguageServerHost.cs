using Checkpoint.Server.Lsp.Logging;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary><c>checkpoint serve</c>: one language-server session over a pair of streams.</summary>
public static class LanguageServerHost
{
    /// <summary>
    /// Serves LSP on <paramref name="input"/>/<paramref name="output"/> until exit, the end of the
    /// input, the client process ending, or <paramref name="cancellationToken"/>. Logs go to stderr
    /// and window/logMessage, never to <paramref name="output"/> outside frames.
    /// </summary>
    /// <returns>The process exit code: 0 after shutdown then exit, else 1.</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, ServeOptions options, CancellationToken cancellationToken = default)
    {
        var clientLog = new LanguageClientLoggerProvider(options.LogLevel);
        using ILoggerFactory loggers = ServerLoggers.Create(options.LogLevel, clientLog);
        using var connection = JsonRpcConnection.Create(input, output, loggers.CreateLogger("Checkpoint.Server.Rpc"));
        var server = new LanguageServer(connection, options, loggers);
        HandlerRegistry.RegisterAll(server);
        clientLog.Attach(connection, server.Lifecycle);

        if (options.ClientProcessId is int clientProcessId)
        {
            server.ClientWatcher.Watch(clientProcessId);
        }

        Task running = connection.RunAsync(cancellationToken);
        await Task.WhenAny(running, server.Lifecycle.Ended).ConfigureAwait(false);
        connection.Stop();
        await running.ConfigureAwait(false);
        return server.Lifecycle.ExitCode;
    }
}
