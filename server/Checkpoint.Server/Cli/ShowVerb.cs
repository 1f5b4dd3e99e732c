using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint show --name N (--latest | --timestamp TS) [--json]</c>.</summary>
internal static class ShowVerb
{
    public static Command Create(VerbRunner runner)
    {
        var selector = new CheckpointSelectorOptions();
        var json = JsonOption.Create();
        var command = new Command("show", "Show one checkpoint: stage, notes, metadata and every file.");
        selector.AddTo(command);
        command.Options.Add(json);
        runner.Bind(command, json, (run, _) =>
        {
            var detail = run.Engine.Show(selector.Read(run.Parse));
            return Task.FromResult(VerbOutcome.Of(detail, CheckpointJsonContext.Default.CheckpointDetail, Render, detail.Id));
        });
        return command;
    }

    private static void Render(CheckpointDetail detail, TextWriter output)
    {
        output.WriteLine(detail.Id);
        var header = new TextTable("", "");
        header.Add("Stage", LineQuoting.Quote(detail.Stage));
        header.Add("Created", $"{LineQuoting.Quote(detail.Created)} ({Units.Ago(detail.Created, DateTime.Now)})");
        if (detail.Scope.Count > 0)
            header.Add("Scope", string.Join(", ", detail.Scope.Select(scope => scope.Length == 0 ? "(whole root)" : LineQuoting.Quote(scope))));
        header.Add("Totals", $"{Units.Plural(detail.TotalFiles, "file")}, {Units.Plural(detail.TotalWords, "word")}, {Units.Bytes(detail.TotalSize)}");
        header.Add("Layout", detail.Layout);
        if (detail.Metadata.Count > 0)
            header.Add("Metadata", detail.Metadata.ToJsonString());
        header.WriteTo(output, "  ");
        if (detail.Notes.Length > 0)
        {
            output.WriteLine("  Notes:");
            foreach (var line in detail.Notes.ReplaceLineEndings("\n").Split('\n'))
                output.WriteLine($"    {LineQuoting.EscapeControls(line.Trim())}");
        }
        output.WriteLine();
        var files = new TextTable("PATH", "SIZE>", "WORDS>", "MODIFIED", "HASH");
        foreach (var file in detail.Files)
            files.Add(LineQuoting.Quote(file.Path), Units.Bytes(file.Size), Units.Count(file.WordCount), LineQuoting.Quote(file.Modified), ShortHash(file.Hash));
        files.WriteTo(output);
    }

    /// <summary><c>sha256:0123456789ab</c>: enough to compare by eye; --json has the full hash.</summary>
    private static string ShortHash(string hash) => hash.Length > "sha256:".Length + 12 ? hash[..("sha256:".Length + 12)] : hash;
}
