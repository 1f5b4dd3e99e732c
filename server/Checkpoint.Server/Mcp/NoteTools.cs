using System.ComponentModel;
using Checkpoint.Core;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Notes.Templates;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// The episodic-note tools: write a filled-in entry (optionally with a linked file snapshot, as the editor's
/// "Snapshot files now" lens does), read the latest one back as a resume brief, and say which format the seed's
/// context thresholds prescribe.
/// </summary>
[McpServerToolType]
internal sealed class NoteTools(CheckpointEngine engine)
{
    private EpisodicJournal Journal => EpisodicJournal.ForWorkspace(engine.Root);

    [McpServerTool(Name = "checkpoint_note", Title = "Write an episodic note entry", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(NoteToolResult))]
    [Description("Append a filled-in entry to today's episodic note (memory/episodic/YYYY-MM-DD.md). Formats and their fields (checkpoint_context_advice lists them with hints): full {task, status, resume, started, activeFiles, decisions, done, current, nextSteps, goals, constraints, preferences, questions, notes}; emergency {task, status, next, blocked, files}; survival {task, next, blocked}; pre-operation {aboutTo, currentState, afterSuccess, ifFailure}; quick {text}. List fields take one item per line. With snapshot = true the workspace files are saved too and the entry links the checkpoint (**Snapshot:** <id>).")]
    public async Task<CallToolResult> Note(
        [Description("full | emergency | survival | pre-operation | quick")] string format,
        [Description("The field values, e.g. {\"task\": \"Port the parser\", \"status\": \"tests green\", \"next\": \"wire the CLI\"}.")] Dictionary<string, string> fields,
        [Description("How full the context window is, 0-100 (written in the heading).")] int? contextPct = null,
        [Description("Also save the workspace files as a checkpoint and link it from the entry.")] bool snapshot = false,
        CancellationToken cancellationToken = default)
    {
        NoteAppendRequest request = NoteAppendRequest.Parse(format, contextPct, date: null, time: null, DateTimeOffset.Now);
        WrittenNote written = await engine.WriteNoteAsync(Journal, request, fields, snapshot, cancellationToken: cancellationToken).ConfigureAwait(false);
        SaveResult? saved = written.Snapshot;
        return ToolAnswer.Ok(new NoteToolResult(written.Path, written.Line, NoteFormatNames.ToWireName(written.Format), written.Text, saved),
            McpJsonContext.Default.NoteToolResult,
            $"Wrote an entry ({NoteFormatNames.DisplayName(written.Format)}) to {written.Path} at line {written.Line + 1}."
            + (saved is null ? "" : $" Snapshot {saved.Checkpoint.Id} ({saved.Checkpoint.TotalFiles} files) is linked from it."));
    }

    [McpServerTool(Name = "checkpoint_recover", Title = "Recover from the latest note entry", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(RecoverToolResult))]
    [Description("After losing context: the latest checkpoint entry of the episodic notes as the seed's resume brief (\"Resuming from checkpoint at HH:MM. Last captured: … Continuing with …\"), the entry itself, and the file snapshot it links, if any.")]
    public CallToolResult Recover(CancellationToken cancellationToken = default)
    {
        if (JournalRecovery.Latest(Journal, cancellationToken) is not { } latest)
        {
            return ToolAnswer.Ok(new RecoverToolResult(false, null, null), McpJsonContext.Default.RecoverToolResult,
                $"No checkpoint entry in {Journal.Folder} yet: nothing to resume from. Write one with checkpoint_note.");
        }
        CheckpointSummary? linked = null;
        if (latest.Snapshot is { } id)
        {
            try
            {
                linked = engine.List(CheckpointRef.FromId(id).Name).Checkpoints.FirstOrDefault(c => c.Id == id);
            }
            catch (CheckpointException)
            {
                // A link the journal has but the store does not: the brief still stands; the text says so.
            }
        }
        string snapshotText = latest.Snapshot is null ? ""
            : linked is null ? $" Its snapshot {latest.Snapshot} is not in the store."
            : $" Linked snapshot: {linked.Id} ({linked.TotalFiles} files); checkpoint_diff shows what changed since.";
        return ToolAnswer.Ok(new RecoverToolResult(true, latest, linked), McpJsonContext.Default.RecoverToolResult,
            $"{latest.Brief} (from {latest.Day}, {latest.Format} entry.){snapshotText}\n\n{latest.Entry}");
    }

    [McpServerTool(Name = "checkpoint_context_advice", Title = "Which note to write at this context %", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true), ToolOutput(typeof(ContextAdviceResult))]
    [Description("The seed's context-protection thresholds: below 50 % nothing is required; 50-69 quick notes; 70-84 a Full checkpoint; 85-94 an Emergency checkpoint; 95 and above a Survival checkpoint. Returns the format to write now and the fields it must contain (for checkpoint_note).")]
    public CallToolResult ContextAdvice([Description("How full the context window is, 0-100.")] int contextPct)
    {
        if (contextPct is < 0 or > 100)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"contextPct {contextPct} is out of range. Allowed: 0 to 100.");
        }
        NoteFormat? format = ContextThresholds.ExpectedFormat(contextPct);
        if (format is not { } expected)
        {
            return ToolAnswer.Ok(new ContextAdviceResult(contextPct, null, "below 50 %", "Normal operation: no entry required. Write a pre-operation entry before anything risky.", []),
                McpJsonContext.Default.ContextAdviceResult,
                $"At {contextPct} % no entry is required (below 50 %). Before a risky operation, write a pre-operation entry.");
        }
        IReadOnlyList<FilledEntry.Field> fields = FilledEntry.FieldsFor(expected);
        string wire = NoteFormatNames.ToWireName(expected);
        string required = string.Join(", ", fields.Where(f => f.Required).Select(f => f.Key));
        string advice = expected switch
        {
            NoteFormat.QuickNote => "Capture decisions and preferences as quick notes as they happen.",
            NoteFormat.Full => "Write a Full checkpoint now: the whole work state, the human's goals and numbered resume instructions.",
            NoteFormat.Emergency => "Write an Emergency checkpoint now, minimal and fast: task, status, next step, blockers, files.",
            _ => "Write a Survival checkpoint immediately — three lines: task, next, blocked.",
        };
        return ToolAnswer.Ok(new ContextAdviceResult(contextPct, wire, ContextThresholds.BandText(expected)!, advice, fields),
            McpJsonContext.Default.ContextAdviceResult,
            $"At {contextPct} % ({ContextThresholds.BandText(expected)}): {advice} Call checkpoint_note with format \"{wire}\" and fields {required} (required).");
    }
}
