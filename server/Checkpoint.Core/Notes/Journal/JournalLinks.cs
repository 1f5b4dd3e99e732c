using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes.Journal;

/// <summary>Which day files of a journal link which checkpoints (an entry's <c>**Snapshot:** &lt;id&gt;</c> line).</summary>
public static class JournalLinks
{
    /// <summary>
    /// For each of <paramref name="checkpointIds"/> that some entry links, the day files (absolute paths, by day) that do.
    /// A day file that does not contain any of the ids as text is not parsed.
    /// </summary>
    public static Dictionary<string, List<string>> DayFilesLinking(EpisodicJournal journal, IReadOnlyCollection<string> checkpointIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(checkpointIds);
        HashSet<string> wanted = new(checkpointIds, StringComparer.Ordinal);
        Dictionary<string, List<string>> linking = new(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return linking;
        }
        foreach ((DateOnly _, string path) in JournalRecovery.DayFiles(journal).OrderBy(d => d.Day))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string text = File.ReadAllText(path);
            if (!text.Contains("Snapshot", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            NoteDocument document = NoteParser.Parse(text, new Uri(path).AbsoluteUri, 0, cancellationToken);
            foreach (string id in document.Entries.Select(e => e.Snapshot?.Id).OfType<string>().Where(wanted.Contains).Distinct(StringComparer.Ordinal))
            {
                if (!linking.TryGetValue(id, out List<string>? files))
                {
                    linking[id] = files = [];
                }
                files.Add(path);
            }
        }
        return linking;
    }
}
