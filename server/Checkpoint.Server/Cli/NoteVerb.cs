using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint note full|emergency|survival|pre-operation|quick [--context-pct N] [--date YYYY-MM-DD] [--field KEY=VALUE …] [--snapshot] [--json]</c>:
/// appends a template (or, with fields, the entry filled in) to <c>memory/episodic/YYYY-MM-DD.md</c> — the same journal and validation as the
/// language server's <c>checkpoint/note</c>, whose result shape <c>--json</c> prints.
/// </summary>
internal static class NoteVerb
{
    public static Command Create(VerbRunner runner)
    {
        var format = new Argument<string>("format")
        {
            Description = $"The entry format: {string.Join(", ", NoteFormatNames.WireNames)}.",
        };
        var contextPercent = new Option<int?>("--context-pct")
        {
            Description = "Context window used, 0–100; fills the heading's Context: XX%.",
            HelpName = "N",
        };
        var date = new Option<string?>("--date")
        {
            Description = "The day file to append to. Default: today.",
            HelpName = "YYYY-MM-DD",
        };
        var fields = new Option<string[]>("--field")
        {
            Description = "Fill in the entry instead of appending the blank template: KEY=VALUE, repeated (e.g. --field task='Port the parser' --field next='wire the CLI'); "
                + "list fields take one item per line. The keys of each format: checkpoint's MCP tool checkpoint_context_advice, or the README.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var snapshot = new Option<bool>("--snapshot")
        {
            Description = "Also save the workspace as notes-YYYY-MM-DD and link it from the entry (**Snapshot:** <id>); needs --field.",
        };
        var json = JsonOption.Create();
        var command = new Command("note", "Append an episodic-note entry, with the current time, to the day's note in memory/episodic/: the format's template, or with --field the entry filled in.")
        {
            format, contextPercent, date, fields, snapshot, json,
        };
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var request = NoteAppendRequest.Parse(run.Parse.GetValue(format), run.Get(contextPercent), run.Get(date), time: null, DateTimeOffset.Now);
            var written = await run.Engine.WriteNoteAsync(EpisodicJournal.ForWorkspace(run.Engine.Root), request,
                ParseFields(run.Get(fields)), run.Parse.GetValue(snapshot), cancellationToken: cancellationToken);
            return VerbOutcome.Of(written, CheckpointJsonContext.Default.WrittenNote, Render);
        });
        return command;
    }

    /// <summary><c>KEY=VALUE</c> pairs; null when none were given (the blank template).</summary>
    private static Dictionary<string, string>? ParseFields(string[]? pairs)
    {
        if (pairs is not { Length: > 0 })
            return null;
        Dictionary<string, string> fields = new(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new CheckpointException(ErrorKind.InvalidArgument, $"--field takes KEY=VALUE, e.g. --field task='Port the parser'; got: {pair}");
            if (!fields.TryAdd(pair[..equals], pair[(equals + 1)..]))
                throw new CheckpointException(ErrorKind.InvalidArgument, $"--field {pair[..equals]} is given twice.");
        }
        return fields;
    }

    private static void Render(WrittenNote result, TextWriter output)
    {
        output.Write(result.Text);
        output.WriteLine($"Appended to {LineQuoting.Quote(result.Path)} at line {result.Line + 1}.");
        if (result.Snapshot is { } saved)
            output.WriteLine($"Snapshot {saved.Checkpoint.Id} ({Rendering.Units.Plural(saved.Checkpoint.TotalFiles, "file")}) is linked from the entry.");
    }
}
