using System.CommandLine;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Lsp;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint note full|emergency|survival|pre-operation|quick [--context-pct N] [--date YYYY-MM-DD] [--json]</c>:
/// appends a template to <c>memory/episodic/YYYY-MM-DD.md</c> — the same journal and validation as the
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
        var json = JsonOption.Create();
        var command = new Command("note", "Append an episodic-note template, filled with the current time, to the day's note in memory/episodic/.")
        {
            format, contextPercent, date, json,
        };
        runner.Bind(command, json, (run, _) =>
        {
            var request = NoteAppendRequest.Parse(run.Parse.GetValue(format), run.Get(contextPercent), run.Get(date), time: null, DateTimeOffset.Now);
            var appended = EpisodicJournal.ForWorkspace(run.Engine.Root)
                .AppendTemplate(request.Format, request.Date, request.Time, request.ContextPercent);
            var result = new NoteResult(appended.Path, appended.Text, appended.Line);
            return Task.FromResult(VerbOutcome.Of(result, CheckpointProtocolJsonContext.Default.NoteResult, Render));
        });
        return command;
    }

    private static void Render(NoteResult result, TextWriter output)
    {
        output.Write(result.Text);
        output.WriteLine($"Appended to {LineQuoting.Quote(result.Path)} at line {result.Line + 1}.");
    }
}
