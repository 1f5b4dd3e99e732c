using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint verify [--name N [--timestamp TS]] [--deep] [--json]</c>: exit 3 when any checkpoint is damaged.</summary>
internal static class VerifyVerb
{
    public static Command Create(VerbRunner runner)
    {
        var name = new Option<string>("--name") { Description = "Only the checkpoints of this name (default: every checkpoint).", HelpName = "N" };
        var timestamp = new Option<string>("--timestamp") { Description = "Only the checkpoint of --name saved at YYYYMMDD_HHMMSS.", HelpName = "YYYYMMDD_HHMMSS" };
        var deep = new Option<bool>("--deep")
        {
            Description = "Decode and rehash every compressed object. Without it a compressed pack entry is proven by the checksum of its stored bytes, which the save wrote after decoding it back.",
        };
        var json = JsonOption.Create();
        var command = new Command("verify", "Check that every file of the checkpoints is present and matches its SHA-256 hash; exit 3 naming each damaged file.")
        {
            name, timestamp, deep, json,
        };
        command.Validators.Add(result =>
        {
            if (result.ValueOrDefault(timestamp) is not null && result.ValueOrDefault(name) is null)
                result.AddError("--timestamp needs --name: say which checkpoint, e.g. --name module-05 --timestamp 20250104_143022.");
        });
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var result = await run.Engine.VerifyAsync(run.Get(name), run.Get(timestamp), run.Progress, cancellationToken, run.Get(deep));
            var single = run.Get(timestamp) is not null && result.Checkpoints.Count == 1 ? result.Checkpoints[0].Id : null;
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.VerifyResult, Render, single, result.Ok ? ExitCodes.Ok : ExitCodes.Integrity);
        });
        return command;
    }

    private static void Render(VerifyResult result, TextWriter output)
    {
        foreach (var checkpoint in result.Checkpoints)
        {
            var state = checkpoint.Ok ? "OK" : "DAMAGED";
            output.WriteLine($"{state,-8} {checkpoint.Id} ({Units.Plural(checkpoint.Files, "file")}{(checkpoint.Ok ? "" : $", {checkpoint.Damaged.Count} damaged")})");
            foreach (var damaged in checkpoint.Damaged)
                output.WriteLine($"           {damaged.Problem,-10} {LineQuoting.Quote(damaged.Path)}");
        }
        var damagedCount = result.Checkpoints.Count(checkpoint => !checkpoint.Ok);
        output.WriteLine(result.Checkpoints.Count == 0
            ? "No checkpoints to verify."
            : $"{Units.Plural(result.Checkpoints.Count, "checkpoint")} verified: {result.Checkpoints.Count - damagedCount} OK, {damagedCount} damaged");
    }
}
