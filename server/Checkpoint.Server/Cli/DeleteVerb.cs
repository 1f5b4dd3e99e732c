using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint delete --name N --timestamp TS [--yes]</c>.</summary>
internal static class DeleteVerb
{
    public static Command Create(VerbRunner runner)
    {
        var name = new Option<string>("--name") { Description = "Checkpoint name.", HelpName = "N", Required = true };
        var timestamp = new Option<string>("--timestamp")
        {
            Description = "The exact checkpoint, YYYYMMDD_HHMMSS (never 'latest': deleting is deliberate).",
            HelpName = "YYYYMMDD_HHMMSS",
            Required = true,
        };
        var yes = new Option<bool>("--yes") { Description = "Do not ask. Without a terminal on stdin checkpoint never asks." };
        var command = new Command("delete",
            "Delete one checkpoint. Its file contents stay in the store while other checkpoints use them; prune removes the rest. " +
            "When stdin is a terminal, asks y/N first (--yes skips); when it is not, proceeds.")
        {
            name, timestamp, yes,
        };
        runner.Bind(command, json: null, (run, _) =>
        {
            var checkpointName = run.Parse.GetRequiredValue(name);
            var checkpointTimestamp = run.Parse.GetRequiredValue(timestamp);
            if (!run.Get(yes) && Confirmation.CanAsk &&
                !Confirmation.Ask(run.Output.Err, $"Delete checkpoint {checkpointName}_{checkpointTimestamp}?"))
            {
                throw new CheckpointException(ErrorKind.Failed, "Delete cancelled; nothing was changed.");
            }

            var result = run.Engine.Delete(checkpointName, checkpointTimestamp);
            return Task.FromResult(VerbOutcome.Of(result, CheckpointJsonContext.Default.DeleteResult, Render, result.Id));
        });
        return command;
    }

    private static void Render(DeleteResult result, TextWriter output) =>
        output.WriteLine($"Deleted checkpoint {result.Id}. Run 'checkpoint prune' to free the contents no other checkpoint uses.");
}
