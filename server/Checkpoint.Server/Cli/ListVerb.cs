using System.CommandLine;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint list [--name N] [--json]</c>.</summary>
internal static class ListVerb
{
    public static Command Create(VerbRunner runner)
    {
        var name = new Option<string>("--name") { Description = "Only the checkpoints of this name.", HelpName = "N" };
        var json = JsonOption.Create();
        var command = new Command("list", "List checkpoints, grouped by name, newest first.") { name, json };
        runner.Bind(command, json, (run, _) =>
        {
            var only = run.Get(name);
            var result = run.Engine.List(only);
            return Task.FromResult(VerbOutcome.Of(result, CheckpointJsonContext.Default.ListResult, (list, output) => Render(list, only, output)));
        });
        return command;
    }

    private static void Render(ListResult result, string? name, TextWriter output)
    {
        if (result.Checkpoints.Count == 0)
        {
            output.WriteLine(name is null
                ? "No checkpoints yet. Save one with: checkpoint save --name N --stage S"
                : $"No checkpoints named '{name}'. Run 'checkpoint list' to see every name.");
            return;
        }
        var now = DateTime.Now;
        var table = new TextTable("NAME", "TIMESTAMP", "STAGE", "FILES>", "WORDS>", "SIZE>", "AGE>");
        foreach (var checkpoint in result.Checkpoints)
        {
            table.Add(checkpoint.Name, checkpoint.Timestamp, LineQuoting.Quote(checkpoint.Stage), Units.Count(checkpoint.TotalFiles),
                Units.Count(checkpoint.TotalWords), Units.Bytes(checkpoint.TotalSize), Units.Age(checkpoint.Created, now));
        }
        table.WriteTo(output);
        output.WriteLine(Units.Plural(result.Checkpoints.Count, "checkpoint"));
    }
}
