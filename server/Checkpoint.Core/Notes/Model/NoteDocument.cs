using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes.Model;

/// <summary>A parsed day of episodic notes: the optional <c># YYYY-MM-DD</c> title and the entries in source order.</summary>
public sealed class NoteDocument
{
    internal NoteDocument(string uri, int version, string text, LineMap lines, string? title, IReadOnlyList<NoteEntry> entries, bool isOutlineOnly = false)
    {
        IsOutlineOnly = isOutlineOnly;
        Uri = uri;
        Version = version;
        Text = text;
        Lines = lines;
        Title = title;
        Entries = entries;
    }

    /// <summary>The document's identity as given to the parser (an LSP uri or a path).</summary>
    public string Uri { get; }

    /// <summary>The version the parse belongs to.</summary>
    public int Version { get; }

    /// <summary>The parsed text.</summary>
    public string Text { get; }

    /// <summary>The text of the first level-1 heading before the first entry (e.g. "2026-02-13"), or null.</summary>
    public string? Title { get; }

    /// <summary>The entries in source order.</summary>
    public IReadOnlyList<NoteEntry> Entries { get; }

    /// <summary>
    /// True for a note longer than <see cref="NoteLanguageServiceOptions.MaxFullFeatureLength"/>: it was read by a
    /// line scan, and its entries carry their heading and range only (a quick note its text too), no fields,
    /// sections or lists. The service reads one entry whole when a command asks for it.
    /// </summary>
    public bool IsOutlineOnly { get; }

    /// <summary>The line ending the document mostly uses ("\r\n" or "\n"), for edits that must match it.</summary>
    public string LineEnding => Lines.LineEnding;

    internal LineMap Lines { get; }

    /// <summary>The entry whose range covers <paramref name="line"/> (a heading line included), or null.</summary>
    public NoteEntry? EntryAtLine(int line)
    {
        var found = LastEntryStartingAtOrBefore(line);
        return found >= 0 && Entries[found].Range.ContainsLine(line) ? Entries[found] : null;
    }

    /// <summary>The index of the last entry whose heading is on or above <paramref name="line"/>; -1 when none is.</summary>
    internal int LastEntryStartingAtOrBefore(int line)
    {
        // Entries are in source order and do not overlap: binary search on the heading line.
        int low = 0, high = Entries.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (Entries[mid].Range.Start.Line <= line)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    /// <summary>The entry whose heading is on <paramref name="line"/>, or null.</summary>
    public NoteEntry? EntryWithHeadingAt(int line) =>
        EntryAtLine(line) is { } entry && entry.HeadingRange.Start.Line == line ? entry : null;

    /// <summary>
    /// The most recent entry: the greatest heading time, the later one in the file on a tie; entries
    /// without a time count only when no entry has one. Quick notes are skipped unless asked for,
    /// because the recovery procedure looks for the latest <em>checkpoint</em>.
    /// </summary>
    public NoteEntry? LatestEntry(bool includeQuickNotes = false)
    {
        NoteEntry? latest = null;
        foreach (var entry in Entries)
        {
            if (!includeQuickNotes && entry.Format == NoteFormat.QuickNote) continue;
            if (latest is null || Compare(entry.Time, latest.Time) >= 0) latest = entry;
        }
        return latest;

        static int Compare(TimeOnly? a, TimeOnly? b) =>
            (a, b) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => a.Value.CompareTo(b.Value),
            };
    }
}
