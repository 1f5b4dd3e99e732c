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
    public static ILoggerFactory Create(LogLevel minimumLevel, ILoggerProvider clientLog)
    {
        var console = new ConsoleLoggerProvider(
            new FixedOptionsMonitor<ConsoleLoggerOptions>(new ConsoleLoggerOptions
            {
                FormatterName = CompactConsoleFormatter.FormatterName,

                // Every level to stderr: stdout carries protocol frames only.
                LogToStandardErrorThreshold = LogLevel.Trace,
            }),
            [new CompactConsoleFormatter()]);
        return new LoggerFactory([console, clientLog], new LoggerFilterOptions { MinLevel = minimumLevel });
    }
}
