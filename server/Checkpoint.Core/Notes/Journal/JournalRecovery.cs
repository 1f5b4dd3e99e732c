using System.Globalization;
using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes.Journal;

/// <summary>What an agent reads first after losing its context: the latest checkpoint entry and its brief.</summary>
/// <param name="Day">The day file's date, <c>YYYY-MM-DD</c>.</param>
/// <param name="File">Absolute path of the day file.</param>
/// <param name="Brief">"Resuming from checkpoint at HH:MM. Last captured: … Continuing with …."</param>
/// <param name="Format">The entry's wire format name.</param>
/// <param name="Snapshot">The checkpoint id its <c>**Snapshot:**</c> line links, if any.</param>
/// <param name="Entry">The entry's markdown, heading included.</param>
public sealed record RecoveryBrief(string Day, string File, string Brief, string Format, string? Time, int? ContextPercent, string? Snapshot, int Line, string Entry);

/// <summary>Finds the latest checkpoint entry of a journal: the newest day file that has one, its latest entry.</summary>
public static class JournalRecovery
{
    /// <summary>The brief of the latest entry (quick notes count only when a day has nothing else), or null when there is none.</summary>
    public static RecoveryBrief? Latest(EpisodicJournal journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        foreach ((DateOnly day, string path) in DayFiles(journal).OrderByDescending(d => d.Day))
        {
            string text = File.ReadAllText(path);
            NoteDocument document = NoteParser.Parse(text, new Uri(path).AbsoluteUri, 0, cancellationToken);
            if ((document.LatestEntry() ?? document.LatestEntry(includeQuickNotes: true)) is not { } entry)
            {
                continue;
            }
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            string entryText = string.Join('\n', lines[entry.Range.Start.Line..Math.Min(lines.Length, entry.Range.End.Line + 1)]).TrimEnd();
            return new RecoveryBrief(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), path, ResumeBrief.For(entry),
                NoteFormatNames.ToWireName(entry.Format), entry.TimeText, entry.ContextPercent, entry.Snapshot?.Id, entry.Range.Start.Line, entryText);
        }
        return null;
    }

    /// <summary>The journal's <c>YYYY-MM-DD.md</c> files (other markdown in the folder is not a day).</summary>
    public static IEnumerable<(DateOnly Day, string Path)> DayFiles(EpisodicJournal journal)
    {
        if (!Directory.Exists(journal.Folder))
        {
            yield break;
        }
        foreach (string path in Directory.EnumerateFiles(journal.Folder, "*.md"))
        {
            if (DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
            {
                yield return (day, path);
            }
        }
    }
}
