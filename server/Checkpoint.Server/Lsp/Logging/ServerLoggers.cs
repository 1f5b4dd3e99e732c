using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Checkpoint.Server.Lsp.Logging;

/// <summary>The server's logging: stderr through the console logger, and the client's output channel.</summary>
internal static class ServerLoggers
{
    /// <summary>
    /// Builds the factory by hand rather than with <c>LoggerFactory.Create</c>: the DI container and
    /// configuration binding behind it cost tens of milliseconds of start-up for nothing we use.
    /// </summary>
    /// <remarks>
    /// The editor shows the server's stderr and its window/logMessage in the same output channel, so
    /// stderr carries what the client does not receive (entries before initialize) plus warnings and
    /// errors, which must survive a lost client.
    /// </remarks>
    public static ILoggerFactory Create(LogLevel minimumLevel, LanguageClientLoggerProvider clientLog)
    {
        var console = new ConsoleLoggerProvider(
            new FixedOptionsMonitor<ConsoleLoggerOptions>(new ConsoleLoggerOptions
            {
                FormatterName = CompactConsoleFormatter.FormatterName,

                // Every level to stderr: stdout carries protocol frames only.
                LogToStandardErrorThreshold = LogLevel.Trace,
            }),
            [new CompactConsoleFormatter()]);
        var stderr = new UnlessForwardedLoggerProvider(console, () => clientLog.IsForwarding);
        return new LoggerFactory([stderr, clientLog], new LoggerFilterOptions { MinLevel = minimumLevel });
    }
}
