using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint diff --name N (--latest | --timestamp TS) [--to ID] [--json]</c>: the checkpoint against the working tree,
/// or with <c>--to</c> against another checkpoint.
/// </summary>
internal static class DiffVerb
{
    public static Command Create(VerbRunner runner)
    {
        var selector = new CheckpointSelectorOptions();
        var json = JsonOption.Create();
        var to = new Option<string>("--to")
        {
            Description = "Compare with this other checkpoint (its id as listed, e.g. module-05_20250104_143022) instead of the working " +
                "tree: A only in it, D only in the --name one, M changed between the two.",
            HelpName = "ID",
        };
        var command = new Command("diff",
            "Compare a checkpoint with the working tree, within its saved scope: A added since (not in the checkpoint), " +
            "D removed since (in the checkpoint, gone from disk), M changed (content, link target or mode; a mode change " +
            "is also spelled out as ' mode change 0755 → 0644 <path>').");
        selector.AddTo(command);
        command.Options.Add(to);
        command.Options.Add(json);
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var other = run.Parse.GetValue(to);
            var result = other is null
                ? await run.Engine.DiffAsync(selector.Read(run.Parse), cancellationToken)
                : await run.Engine.DiffCheckpointsAsync(selector.Read(run.Parse), CheckpointRef.FromId(other), cancellationToken);
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.DiffResult, Render, result.Id);
        });
        return command;
    }

    private static void Render(DiffResult result, TextWriter output)
    {
        // One line per path, git's status letters, in path order so related files sit together.
        var lines = result.Added.Select(path => (Letter: 'A', Path: path))
            .Concat(result.Removed.Select(path => (Letter: 'D', Path: path)))
            .Concat(result.Changed.Select(path => (Letter: 'M', Path: path)))
            .OrderBy(line => line.Path, StringComparer.Ordinal);
        foreach (var (letter, path) in lines)
            output.WriteLine($"{letter}  {LineQuoting.Quote(path)}");
        // The status lines keep their shape (everything after the two spaces is the path); a mode change is said on a line
        // of its own, as git's --summary does: it starts with a space, so no status letter, and ends with the path.
        foreach (var change in result.ModeChanges)
            output.WriteLine($" mode change {change.Before} → {change.After} {LineQuoting.Quote(change.Path)}");
        output.WriteLine($"{result.Id} vs {result.To ?? "working tree"}: {result.Added.Count} added, {result.Removed.Count} removed, {result.Changed.Count} changed, {result.Unchanged} unchanged");
    }
}
