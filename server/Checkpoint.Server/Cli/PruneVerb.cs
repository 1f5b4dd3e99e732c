using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint prune [--keep-last N] [--max-age-days D] [--dry-run] [--json]</c>.</summary>
internal static class PruneVerb
{
    public static Command Create(VerbRunner runner)
    {
        var keepLast = ParsedValues.WholeNumber("--keep-last", 0, int.MaxValue, "Also keep the newest N checkpoints of every name.", "N");
        var maxAgeDays = ParsedValues.WholeNumber("--max-age-days", 0, int.MaxValue, "Drop checkpoints older than D days (default 30).", "D");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be deleted; delete nothing." };
        var json = JsonOption.Create();
        var command = new Command("prune",
            "Apply the retention policy: keep everything from the last 7 days, keep stages 'final' and 'validated' forever, " +
            "drop other checkpoints older than 30 days (--max-age-days); then remove stored contents no checkpoint references.")
        {
            keepLast, maxAgeDays, dryRun, json,
        };
        runner.Bind(command, json, (run, _) =>
        {
            var result = run.Engine.Prune(new PruneRequest { KeepLast = run.Get(keepLast), MaxAgeDays = run.Get(maxAgeDays), DryRun = run.Get(dryRun) });
            return Task.FromResult(VerbOutcome.Of(result, CheckpointJsonContext.Default.PruneResult, Render));
        });
        return command;
    }

    private static void Render(PruneResult result, TextWriter output)
    {
        var deleted = result.DryRun ? "Would delete" : "Deleted";
        foreach (var id in result.Deleted)
            output.WriteLine($"{deleted,-12} {id}");
        foreach (var id in result.Kept)
            output.WriteLine($"{"Kept",-12} {id}");
        var summary = $"{Units.Count(result.Deleted.Count)} {(result.DryRun ? "would be deleted" : "deleted")}, {Units.Count(result.Kept.Count)} kept; " +
            $"{Units.Plural(result.ObjectsRemoved, "stored file")} {(result.DryRun ? "would be removed" : "removed")}, {Units.Bytes(result.BytesFreed)} {(result.DryRun ? "would be freed" : "freed")}";
        output.WriteLine(result.DryRun ? $"Dry run (nothing was deleted): {summary}" : summary);
    }
}
