using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// The lenses on every entry heading: "Resume brief", "Progress d/t" when there is a checklist,
/// "Snapshot files now", and "Restore &lt;id&gt;" when a snapshot is linked — labelled "(if failure)" on a
/// Pre-Operation entry, whose snapshot is its way back. An outline-only note (above the full-feature limit)
/// has none: tens of thousands of lenses are what made such a note slow, and its entries are not read whole.
/// </summary>
public sealed class NoteCodeLensProvider
{
    /// <summary>The title of the brief lens.</summary>
    public const string ResumeBriefTitle = "Resume brief";

    /// <summary>The title of the snapshot lens.</summary>
    public const string SnapshotNowTitle = "Snapshot files now";

    /// <summary>The lenses of <paramref name="document"/>, in entry order.</summary>
    public IReadOnlyList<NoteCodeLens> Provide(NoteDocument document, CancellationToken cancellationToken)
    {
        if (document.IsOutlineOnly) return [];
        var lenses = new List<NoteCodeLens>(document.Entries.Count * 4);
        for (var i = 0; i < document.Entries.Count; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            AddLenses(document.Uri, document.Entries[i], lenses);
        }
        return lenses;
    }

    /// <summary>The lenses of one entry of <paramref name="document"/>, in order.</summary>
    public IReadOnlyList<NoteCodeLens> ProvideFor(NoteDocument document, NoteEntry entry)
    {
        if (document.IsOutlineOnly) return [];
        var lenses = new List<NoteCodeLens>(4);
        AddLenses(document.Uri, entry, lenses);
        return lenses;
    }

    /// <summary>The lenses of the one entry whose heading is on <paramref name="headingLine"/>, in order; none when no entry starts there.</summary>
    public IReadOnlyList<NoteCodeLens> ProvideAt(NoteDocument document, int headingLine)
    {
        if (document.IsOutlineOnly) return [];
        var lenses = new List<NoteCodeLens>(4);
        if (document.EntryWithHeadingAt(headingLine) is { } entry) AddLenses(document.Uri, entry, lenses);
        return lenses;
    }

    private static void AddLenses(string uri, NoteEntry entry, List<NoteCodeLens> lenses)
    {
        var range = entry.HeadingRange;
        object[] at = [uri, range.Start.Line];
        lenses.Add(new NoteCodeLens(NoteCodeLensKind.ResumeBrief, range, ResumeBriefTitle, at));
        if (entry.Progress is { Total: > 0 } progress)
        {
            // The lens carries the checklist's lines, so the client selects them without parsing the note again.
            lenses.Add(new NoteCodeLens(NoteCodeLensKind.Progress, range, $"Progress {progress.DoneCount}/{progress.Total}",
                [uri, range.Start.Line, progress.Range.Start.Line, progress.Range.End.Line]));
        }
        lenses.Add(new NoteCodeLens(NoteCodeLensKind.SnapshotNow, range, SnapshotNowTitle, at));
        if (entry.Snapshot is { } snapshot)
        {
            var title = entry.Format == NoteFormat.PreOperation ? $"Restore {snapshot.Id} (if failure)" : $"Restore {snapshot.Id}";
            lenses.Add(new NoteCodeLens(NoteCodeLensKind.RestoreSnapshot, range, title, [snapshot.Id]));
        }
    }
}
