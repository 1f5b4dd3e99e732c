using System.CommandLine;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint export --name N (--latest | --timestamp TS) -o FILE.tar.gz</c> and <c>checkpoint import FILE</c>.</summary>
internal static class BundleVerbs
{
    public static Command Export(VerbRunner runner)
    {
        var selector = new CheckpointSelectorOptions();
        var output = new Option<string>("--output", "-o") { Description = "The bundle to write, e.g. module-05.tar.gz.", HelpName = "FILE.tar.gz", Required = true };
        var json = JsonOption.Create();
        var command = new Command("export",
            "Write one checkpoint as a portable bundle: a .tar.gz in the seed's own layout (checkpoint.json, CHECKPOINT_SUMMARY.md, files/ copies), readable with tar -xzf alone.");
        selector.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var result = await run.Engine.ExportAsync(selector.Read(run.Parse), VerbInvocation.AbsolutePath(run.Parse.GetRequiredValue(output))!, cancellationToken);
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.ExportResult,
                (r, writer) => writer.WriteLine($"Exported {r.Id} ({Units.Plural(r.Files, "file")}, {Units.Bytes(r.Bytes)}) to {LineQuoting.Quote(r.File)}"), result.Id);
        });
        return command;
    }

    public static Command Import(VerbRunner runner)
    {
        var input = new Argument<string>("FILE") { Description = "A bundle written by 'checkpoint export' (.tar.gz), or a checkpoint folder in the seed layout (checkpoint.json + files/)." };
        var json = JsonOption.Create();
        var command = new Command("import",
            "Import a bundle or seed-layout checkpoint folder. Everything is checked first (no absolute paths, no '..', no links, no path twice, every SHA-256); " +
            "nothing is written when anything is wrong (exit 3).")
        {
            input, json,
        };
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var result = await run.Engine.ImportAsync(VerbInvocation.AbsolutePath(run.Parse.GetRequiredValue(input))!, cancellationToken);
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.ImportResult,
                (r, writer) => writer.WriteLine(r.AlreadyPresent
                    ? $"{r.Id} is already in the store with the same content; nothing changed."
                    : $"Imported {r.Id} ({Units.Plural(r.Files, "file")}, {Units.Plural(r.NewObjects, "new content")})."), result.Id);
        });
        return command;
    }
}
