using System.ComponentModel;
using Checkpoint.Core;
using Checkpoint.Core.Notes.Journal;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Resources: each day's episodic note (<c>checkpoint://notes/YYYY-MM-DD</c>) and each checkpoint's summary
/// (<c>checkpoint://checkpoints/&lt;id&gt;</c>, its CHECKPOINT_SUMMARY.md). Both are templates; the list handler
/// names the concrete ones that exist now.
/// </summary>
[McpServerResourceType]
internal sealed class CheckpointResources(CheckpointEngine engine)
{
    public const string NotesPrefix = "checkpoint://notes/";
    public const string CheckpointsPrefix = "checkpoint://checkpoints/";

    [McpServerResource(UriTemplate = NotesPrefix + "{day}", Name = "episodic-note", Title = "Episodic note of a day", MimeType = "text/markdown")]
    [Description("The episodic note of one day (memory/episodic/YYYY-MM-DD.md): its checkpoint entries, newest last.")]
    public string DayNote([Description("The day, YYYY-MM-DD.")] string day)
    {
        EpisodicJournal journal = EpisodicJournal.ForWorkspace(engine.Root);
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", out DateOnly date))
        {
            throw new McpException($"'{day}' is not a day: use YYYY-MM-DD, e.g. 2026-02-13.");
        }
        string path = journal.PathFor(date);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new McpException($"No episodic note for {day}. Days with notes: {string.Join(", ", JournalRecovery.DayFiles(journal).Select(d => d.Day.ToString("yyyy-MM-dd")).Order())}.");
    }

    [McpServerResource(UriTemplate = CheckpointsPrefix + "{id}", Name = "checkpoint-summary", Title = "Checkpoint summary", MimeType = "text/markdown")]
    [Description("The human-readable summary of one checkpoint (CHECKPOINT_SUMMARY.md): stage, notes, metrics, files.")]
    public string Summary([Description("The checkpoint id as listed.")] string id)
    {
        CheckpointRef reference = CheckpointRef.FromId(id);
        CheckpointDetail detail;
        try
        {
            detail = engine.Show(reference);
        }
        catch (CheckpointException failure)
        {
            throw new McpException(failure.Message);
        }
        // A checkpoint written by the seed's own tool may have no summary: its metadata says enough.
        return detail.SummaryPath is { } summary
            ? File.ReadAllText(summary)
            : $"# Checkpoint {detail.Id}\n\n- Stage: {detail.Stage}\n- Created: {detail.Created}\n- Files: {detail.TotalFiles}\n- Notes: {detail.Notes}\n";
    }

    /// <summary>The concrete resources: every day note and every checkpoint, newest first.</summary>
    public static ListResourcesResult List(CheckpointEngine engine)
    {
        List<Resource> resources = [];
        foreach ((DateOnly day, string path) in JournalRecovery.DayFiles(EpisodicJournal.ForWorkspace(engine.Root)).OrderByDescending(d => d.Day))
        {
            string text = day.ToString("yyyy-MM-dd");
            resources.Add(new Resource { Uri = NotesPrefix + text, Name = $"notes-{text}", Title = $"Episodic note {text}", MimeType = "text/markdown", Size = new FileInfo(path).Length });
        }
        try
        {
            foreach (CheckpointSummary checkpoint in engine.List().Checkpoints)
            {
                resources.Add(new Resource
                {
                    Uri = CheckpointsPrefix + checkpoint.Id,
                    Name = checkpoint.Id,
                    Title = $"{checkpoint.Id} ({checkpoint.Stage})",
                    Description = checkpoint.Notes.Length > 0 ? checkpoint.Notes : null,
                    MimeType = "text/markdown",
                });
            }
        }
        catch (CheckpointException)
        {
            // An unreadable store lists no checkpoints; the notes are still worth listing.
        }
        return new ListResourcesResult { Resources = resources };
    }
}
