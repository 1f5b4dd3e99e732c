using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>The <c>checkpoint</c> command line: the root command, its verbs, and how a run starts and fails to parse.</summary>
internal static class CheckpointCommandLine
{
    /// <summary>The ACTION of a STATUS line when no verb was recognised.</summary>
    private const string NoVerb = "none";

    /// <summary>Builds the root command with the global options and every verb.</summary>
    public static RootCommand Create()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "Checkpoint: save, list, diff, verify and resume named snapshots of workspace files.\n" +
            "Every verb ends with the line STATUS=OK|FAIL ACTION=<verb>[ CHECKPOINT=<name>_<timestamp>].\n" +
            "Exit codes: 0 success, 1 failure, 2 invalid arguments or unknown checkpoint, 3 integrity failure.\n" +
            "With --json, stdout is one JSON document and the STATUS line goes to stderr.");
        globals.AddTo(root);
        AddVerbs(root, globals);
        return root;
    }

    /// <summary>
    /// The one place the root command gets its subcommands: one line per verb, each built by its own
    /// file in Cli/ from the shared global options (verbs that need no engine may ignore them).
    /// </summary>
    private static void AddVerbs(RootCommand root, GlobalOptions globals)
    {
        var runner = new VerbRunner(globals);
        root.Subcommands.Add(SaveVerb.Create(runner));
        root.Subcommands.Add(ResumeVerb.Create(runner));
        root.Subcommands.Add(ListVerb.Create(runner));
        root.Subcommands.Add(ShowVerb.Create(runner));
        root.Subcommands.Add(DiffVerb.Create(runner));
        root.Subcommands.Add(VerifyVerb.Create(runner));
        root.Subcommands.Add(DeleteVerb.Create(runner));
        root.Subcommands.Add(PruneVerb.Create(runner));
        root.Subcommands.Add(NoteVerb.Create(runner));
        root.Subcommands.Add(RemoteVerb.Create(runner));
        root.Subcommands.Add(TransferVerbs.Push(runner));
        root.Subcommands.Add(TransferVerbs.Pull(runner));
        root.Subcommands.Add(BundleVerbs.Export(runner));
        root.Subcommands.Add(BundleVerbs.Import(runner));
        // The language server owns stdout for LSP frames, so it runs outside the VerbRunner (no STATUS line).
        root.Subcommands.Add(ServeVerb.Create(globals));
        // The MCP server owns stdout for its messages in the same way.
        root.Subcommands.Add(McpVerb.Create(globals));
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb; parse errors exit 2 with the parser's message.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        // No response files: "@jane please review" is a note, not a file of arguments to splice in.
        var parse = Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
            return ReportParseErrors(parse);
        return await parse.InvokeAsync();
    }

    /// <summary>
    /// Unknown options, missing required ones, malformed values: the parser's messages on stderr
    /// (and as an <c>{"error":…}</c> document when <c>--json</c> was asked for), then STATUS=FAIL, exit 2.
    /// </summary>
    private static int ReportParseErrors(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var action = command is RootCommand ? NoVerb : command.Name;
        var invocation = command is RootCommand ? "checkpoint" : $"checkpoint {command.Name}";
        var message = string.Join(" ", parse.Errors.Select(error => error.Message));
        var json = parse.Tokens.Any(token => token.Value == "--json");
        var output = new CliOutput(Console.Out, Console.Error, json);

        if (json)
        {
            var document = ErrorDocument.From(ErrorKind.InvalidArgument, message);
            output.Out.WriteLine(JsonSerializer.Serialize(document, CheckpointJsonContext.Default.ErrorDocument));
        }
        foreach (var error in parse.Errors)
            output.Err.WriteLine($"{invocation}: {LineQuoting.EscapeControls(error.Message)}");
        output.Err.WriteLine($"Run '{invocation} --help' for usage.");
        output.Status(succeeded: false, action, checkpointId: null);
        return ExitCodes.InvalidArgument;
    }
}
