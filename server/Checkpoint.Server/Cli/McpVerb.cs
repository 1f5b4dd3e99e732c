using System.CommandLine;
using Checkpoint.Server.Mcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint mcp</c>: the MCP server for agents, over stdin/stdout.</summary>
internal static class McpVerb
{
    /// <summary>Builds the verb; the engine comes from the global <c>--root</c>/<c>--store</c>.</summary>
    public static Command Create(GlobalOptions globals)
    {
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Least severe log entry written to stderr.",
            DefaultValueFactory = _ => LogLevel.Warning,
        };
        var command = new Command("mcp", "Run the MCP server for AI agents (Model Context Protocol over stdin/stdout; logs on stderr).");
        command.Options.Add(logLevel);
        command.SetAction((parse, cancellationToken) =>
        {
            Core.CheckpointEngine engine;
            try
            {
                engine = globals.CreateEngine(parse);
            }
            catch (Core.CheckpointException bad)
            {
                // stdout is the MCP stream (nothing was written to it yet); a root or store that cannot be used ends the start.
                Console.Error.WriteLine($"checkpoint mcp: {Core.Snapshots.LineQuoting.EscapeControls(bad.Message)}");
                return Task.FromResult(ExitCodes.For(bad.Kind));
            }
            return RunAsync(engine, parse.GetValue(logLevel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Core.CheckpointEngine engine, LogLevel level, CancellationToken cancellationToken)
    {
        // Made directly, not with LoggerFactory.Create: that builds a service container first (~10 ms of reflection in
        // the Native AOT executable, before initialize could be answered). The same console logger, all of it to stderr.
        using ILoggerFactory logging = new LoggerFactory(
            [new ConsoleLoggerProvider(new FixedOptions<ConsoleLoggerOptions>(new ConsoleLoggerOptions { LogToStandardErrorThreshold = LogLevel.Trace }))],
            new LoggerFilterOptions { MinLevel = level });
        // The SDK's stdio transport holds stdin/stdout itself; stdout then carries MCP messages only, so anything a
        // library prints by mistake goes to stderr instead.
        await using var transport = new StdioServerTransport("checkpoint", logging);
        Console.SetOut(Console.Error);
        await using McpServer server = McpServerHost.Create(transport, engine, logging);
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: a normal end.
        }
        return 0;
    }

    /// <summary>Options that never change, for the console logger made without a container.</summary>
    private sealed class FixedOptions<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
