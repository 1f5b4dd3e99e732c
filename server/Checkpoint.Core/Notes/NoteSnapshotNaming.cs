using System.Globalization;
using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes;

/// <summary>
/// How a "Snapshot files now" checkpoint is named (protocol.ts, LensCommands.snapshotNow):
/// <c>notes-YYYY-MM-DD</c> after the note's day, with the entry's format as its stage.
/// </summary>
public static class NoteSnapshotNaming
{
    /// <summary>The name used when the note's day cannot be told.</summary>
    public const string FallbackName = "notes";

    /// <summary>
    /// <c>notes-&lt;day&gt;</c>, the day taken from the <c># YYYY-MM-DD</c> title, else from a
    /// <c>YYYY-MM-DD.md</c> file name in the uri, else <see cref="FallbackName"/>.
    /// </summary>
    public static string NameFor(NoteDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var day = DayOf(document.Title?.Trim()) ?? DayOf(Path.GetFileNameWithoutExtension(Uri.UnescapeDataString(document.Uri)));
        return day is null ? FallbackName : $"{FallbackName}-{day}";
    }

    /// <summary>The stage recorded for an entry's snapshot: its wire format name, e.g. "pre-operation".</summary>
    public static string StageFor(NoteEntry entry) => NoteFormatNames.ToWireName(entry.Format);

    private static string? DayOf(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
