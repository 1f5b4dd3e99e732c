using System.CommandLine;
using Checkpoint.Server.Lsp;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint serve</c>: the language server, LSP over stdin/stdout. Its workspace reaches it one way, as
/// any language server's does: the root is the client's first workspace folder (else rootUri/rootPath, else
/// found from the working directory as the CLI finds it), the store, the notes folder and the exclusions come
/// in <c>initializationOptions</c>. The global <c>--root</c>/<c>--store</c> would be a second way that could
/// disagree with the client's folders, so <c>serve</c> refuses them rather than ignore them.
/// </summary>
public static class ServeVerb
{
    /// <summary>What <c>serve</c> says to <c>--root</c>/<c>--store</c> (exit 2).</summary>
    internal const string WorkspaceOptionsRefused =
        "serve takes its workspace from the client's initialize request (the root from workspaceFolders, the store from initializationOptions.storePath), not from --root or --store.";

    /// <summary>Builds the verb; the root command adds it with <c>root.Subcommands.Add(ServeVerb.Create(globals))</c>.</summary>
    internal static Command Create(GlobalOptions globals)
    {
        var clientProcessId = new Option<int?>("--clientProcessId")
        {
            Description = "Exit when the process with this id (the editor) is gone.",
        };
        var stdio = new Option<bool>("--stdio")
        {
            Description = "Speak over stdin/stdout (the only transport; accepted because language clients pass it).",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Least severe log entry written to stderr and the client's output channel.",
            DefaultValueFactory = _ => LogLevel.Information,
        };

        var command = new Command("serve", "Run the language server the VS Code extension talks to (LSP over stdin/stdout).");
        command.Options.Add(clientProcessId);
        command.Options.Add(stdio);
        command.Options.Add(logLevel);
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetResult(globals.Root) is not null || parse.GetResult(globals.Store) is not null)
            {
                Console.Error.WriteLine(WorkspaceOptionsRefused);
                return Task.FromResult(2);
            }
            var options = new ServeOptions
            {
                ClientProcessId = parse.GetValue(clientProcessId),
                LogLevel = parse.GetValue(logLevel),
            };
            return ServeOnStandardStreamsAsync(options, cancellationToken);
        });
        return command;
    }

    /// <summary>Serves LSP on this process's stdin/stdout; stdout carries frames only from here on.</summary>
    internal static async Task<int> ServeOnStandardStreamsAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        Stream output = Console.OpenStandardOutput();

        // stdout carries frames only: anything a library prints by mistake goes to stderr instead.
        Console.SetOut(Console.Error);
        return await LanguageServerHost.RunAsync(Console.OpenStandardInput(), output, options, cancellationToken).ConfigureAwait(false);
    }
}
