using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json.Nodes;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint save --name N --stage S [--notes T] [--files P …] [--context DIR] [--metadata JSON] [--json]</c>.</summary>
internal static class SaveVerb
{
    public static Command Create(VerbRunner runner)
    {
        var name = new Option<string>("--name")
        {
            Description = "Checkpoint name (letters, digits, '-', '_'; at most 50 characters).",
            HelpName = "N",
            Required = true,
        };
        var stage = new Option<string>("--stage") { Description = "Milestone reached, e.g. case-studies, final, validated.", HelpName = "S", Required = true };
        var notes = new Option<string>("--notes") { Description = "Free text: what is done, what is next.", HelpName = "T" };
        var files = new Option<string[]>("--files")
        {
            Description = "Files or globs to save (** allowed), relative to the current directory. Quote a glob to let checkpoint expand it.",
            HelpName = "P",
            AllowMultipleArgumentsPerToken = true,
        };
        var context = new Option<string>("--context") { Description = "A folder to save, relative to the current directory.", HelpName = "DIR" };
        var metadata = new Option<JsonObject>("--metadata")
        {
            Description = "A JSON object stored as checkpoint.json \"metadata\", e.g. '{\"reviewer\":\"jane\"}'.",
            HelpName = "JSON",
            CustomParser = ParseMetadata,
        };
        var json = JsonOption.Create();

        var command = new Command("save", "Save files as a new checkpoint. With neither --files nor --context, saves the current directory.")
        {
            name, stage, notes, files, context, metadata, json,
        };
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var request = new SaveRequest
            {
                Name = run.Parse.GetRequiredValue(name),
                Stage = run.Parse.GetRequiredValue(stage),
                Notes = run.Get(notes) ?? "",
                Files = run.Get(files) is { Length: > 0 } paths ? paths : null,
                Context = run.Get(context),
                Metadata = run.Get(metadata),
                Cwd = Environment.CurrentDirectory,
            };
            var result = await run.Engine.SaveAsync(request, run.Progress, cancellationToken);
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.SaveResult, Render, result.Checkpoint.Id);
        });
        return command;
    }

    /// <summary>
    /// Parse-time check, so malformed JSON, and metadata the store's reader would refuse (too deep, a repeated key, a
    /// lone surrogate: <see cref="CheckpointMetadata"/>), are an argument error (exit 2) before anything is saved.
    /// </summary>
    private static JsonObject? ParseMetadata(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (CheckpointMetadata.TryParse(text, out var metadata, out var problem))
            return metadata;
        result.AddError($"--metadata {problem}");
        return null;
    }

    private static void Render(SaveResult result, TextWriter output)
    {
        var checkpoint = result.Checkpoint;
        output.WriteLine($"Saved checkpoint {checkpoint.Id} (stage: {LineQuoting.Quote(checkpoint.Stage)})");
        output.WriteLine($"  {Units.Plural(checkpoint.TotalFiles, "file")}, {Units.Plural(checkpoint.TotalWords, "word")}, {Units.Bytes(checkpoint.TotalSize)}");
        output.WriteLine($"  {Units.Count(result.NewObjects)} new, {Units.Count(result.ReusedObjects)} reused from the store (deduplicated); {Units.Bytes(result.BytesWritten)} written in {Units.Count(result.ElapsedMs)} ms");
        if (checkpoint.Scope.Count > 0)
            output.WriteLine($"  Scope: {string.Join(", ", checkpoint.Scope.Select(scope => scope.Length == 0 ? "(whole root)" : LineQuoting.Quote(scope)))}");
        if (result.Skipped.Count > 0)
        {
            output.WriteLine($"  Skipped (not saved): {Units.Count(result.Skipped.Count)}");
            foreach (var skipped in result.Skipped.Take(MaxSkippedShown))
                output.WriteLine($"    {LineQuoting.Quote(skipped.Path)}: {LineQuoting.EscapeControls(skipped.Reason)}");
            if (result.Skipped.Count > MaxSkippedShown)
                output.WriteLine($"    … and {Units.Count(result.Skipped.Count - MaxSkippedShown)} more (--json and checkpoint.json list them all)");
        }
        output.WriteLine($"  Resume with: checkpoint resume --name {checkpoint.Name} --timestamp {checkpoint.Timestamp}");
    }

    /// <summary>Skipped entries printed by name (a tree of FIFOs or unreadable files would otherwise flood the terminal).</summary>
    private const int MaxSkippedShown = 10;
}
