using System.CommandLine;
using Checkpoint.Core;
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
            var store = run.Engine.StorePath;
            return Task.FromResult(VerbOutcome.Of(result, CheckpointJsonContext.Default.ListResult, (list, output) => Render(list, only, store, output)));
        });
        return command;
    }

    private static void Render(ListResult result, string? name, string store, TextWriter output)
    {
        if (result.Checkpoints.Count == 0)
        {
            if (result.Unreadable.Count > 0)
            {
                output.WriteLine(name is null ? "No readable checkpoints." : $"No readable checkpoints named '{name}'.");
            }
            else if (name is not null)
            {
                output.WriteLine($"No checkpoints named '{name}'. Run 'checkpoint list' to see every name.");
            }
            else
            {
                output.WriteLine(Directory.Exists(store)
                    ? "No checkpoints yet. Save one with: checkpoint save --name N --stage S"
                    : $"No checkpoints yet: there is no store at '{LineQuoting.EscapeControls(store)}'. Save one with: checkpoint save --name N --stage S");
            }
            WriteUnreadable(result.Unreadable, name, output);
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
        WriteUnreadable(result.Unreadable, name, output);
    }

    private const int MaxUnreadableNamed = 10;

    /// <summary>A listing leaves out what it cannot read; it says how many, which, and where to learn why.</summary>
    private static void WriteUnreadable(IReadOnlyList<string> unreadable, string? name, TextWriter output)
    {
        if (unreadable.Count == 0)
            return;
        var one = unreadable.Count == 1;
        var named = string.Join(", ", unreadable.Take(MaxUnreadableNamed)) + (unreadable.Count > MaxUnreadableNamed ? $" and {Units.Count(unreadable.Count - MaxUnreadableNamed)} more" : "");
        output.WriteLine($"{Units.Plural(unreadable.Count, "damaged checkpoint")} not listed ({(one ? "its" : "their")} checkpoint.json cannot be read): {named}.");
        output.WriteLine($"  See what is wrong with: checkpoint verify{(name is null ? "" : $" --name {name}")}");
    }
}
