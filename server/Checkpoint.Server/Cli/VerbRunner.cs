using System.CommandLine;
using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>
/// What every verb does the same way: build the engine from the global options, run the verb,
/// print its result (human page or <c>--json</c> document), turn failures into the contract's exit
/// codes and messages, and end with the STATUS line.
/// </summary>
/// <remarks>
/// Where output goes. Without <c>--json</c>: the result and the STATUS line on stdout, error messages
/// on stderr. With <c>--json</c>: stdout carries exactly one JSON document (the result, or
/// <c>{"error":{…}}</c>) so it can be piped into a parser, and the STATUS line goes to stderr.
/// </remarks>
internal sealed class VerbRunner(GlobalOptions globals)
{
    private const string DebugVariable = "CHECKPOINT_DEBUG";

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    /// <param name="json">The verb's <c>--json</c> option, if it has one.</param>
    public void Bind(Command command, Option<bool>? json, Func<VerbInvocation, CancellationToken, Task<VerbOutcome>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(command.Name, parse, json is not null && parse.GetValue(json), body, cancellationToken));

    private async Task<int> RunAsync(string action, ParseResult parse, bool json, Func<VerbInvocation, CancellationToken, Task<VerbOutcome>> body, CancellationToken cancellationToken)
    {
        var output = new CliOutput(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, json);
        var progress = TerminalProgress.ForConsole();
        try
        {
            var invocation = new VerbInvocation(parse, globals.CreateEngine(parse), output, progress);
            VerbOutcome outcome;
            try
            {
                outcome = await body(invocation, cancellationToken);
            }
            finally
            {
                progress?.Clear();
            }
            if (json)
                output.Out.WriteLine(outcome.ToJson());
            else
                outcome.WriteHuman(output.Out);
            output.Status(outcome.Succeeded, action, outcome.CheckpointId);
            return outcome.ExitCode;
        }
        catch (CheckpointException failure)
        {
            return Fail(output, action, ErrorDocument.From(failure), ExitCodes.For(failure.Kind));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(output, action, ErrorDocument.From(ErrorKind.Failed, "Cancelled."), ExitCodes.Failed);
        }
        catch (Exception unexpected) when (unexpected is IOException or UnauthorizedAccessException)
        {
            // The file system said no (permissions, a full disk, a path that is a file): the user can act on the message.
            return Fail(output, action, ErrorDocument.From(ErrorKind.Failed, unexpected.Message), ExitCodes.Failed, unexpected);
        }
        catch (Exception unexpected)
        {
            var message = $"Unexpected error ({unexpected.GetType().Name}): {unexpected.Message}";
            return Fail(output, action, ErrorDocument.From(ErrorKind.Failed, message), ExitCodes.Failed, unexpected);
        }
    }

    private static int Fail(CliOutput output, string action, ErrorDocument error, int exitCode, Exception? cause = null)
    {
        if (output.Json)
            output.Out.WriteLine(JsonSerializer.Serialize(error, CheckpointJsonContext.Default.ErrorDocument));
        output.Err.WriteLine($"checkpoint {action}: {LineQuoting.EscapeControls(error.Error.Message)}");
        foreach (var line in ErrorDetailLines(error.Error))
            output.Err.WriteLine(line);
        if (cause is not null)
        {
            if (Environment.GetEnvironmentVariable(DebugVariable) == "1")
                output.Err.WriteLine(cause.ToString());
            else
                output.Err.WriteLine($"(set {DebugVariable}=1 for the stack trace)");
        }
        output.Status(succeeded: false, action, checkpointId: null);
        return exitCode;
    }

    /// <summary>
    /// The lines that make a failure actionable: what exists instead, or which files are damaged —
    /// unless the engine's message already names them all (it usually does; saying it twice is noise).
    /// </summary>
    private static IEnumerable<string> ErrorDetailLines(ErrorDetail error)
    {
        if (error.Available is { Count: > 0 } available && !available.All(error.Message.Contains))
            yield return $"Available: {string.Join(", ", available.Select(LineQuoting.Quote))}";
        if (error.Damaged is { } damagedFiles && !damagedFiles.All(damaged => error.Message.Contains(damaged.Path)))
        {
            foreach (var damaged in damagedFiles)
                yield return $"  {damaged.Problem,-10} {LineQuoting.Quote(damaged.Path)}";
        }
    }
}
