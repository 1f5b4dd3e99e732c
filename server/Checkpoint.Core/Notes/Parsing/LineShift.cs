using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Moves a parsed entry down by whole lines: a slice parsed on its own counts lines from 0, and an
/// edit above it moves it. Columns never change, because slices start at line starts.
/// </summary>
internal static class LineShift
{
    public static IReadOnlyList<NoteEntry> Entries(IReadOnlyList<NoteEntry> entries, int lines)
    {
        if (lines == 0) return entries;
        var shifted = new NoteEntry[entries.Count];
        for (var i = 0; i < shifted.Length; i++) shifted[i] = Entry(entries[i], lines);
        return shifted;
    }

    public static NoteEntry Entry(NoteEntry entry, int lines)
    {
        var fields = Map(entry.Fields, f => Field(f, lines));
        return entry with
        {
            HeadingRange = Range(entry.HeadingRange, lines),
            Range = Range(entry.Range, lines),
            TimeRange = Range(entry.TimeRange, lines),
            ContextRange = Range(entry.ContextRange, lines),
            Fields = fields,
            Sections = Map(entry.Sections, s => Section(s, lines)),
            Progress = entry.Progress is { } progress
                ? new ProgressChecklist(Map(progress.Items, i => i with { Range = Range(i.Range, lines) }), Range(progress.Range, lines))
                : null,
            ResumeInstructions = Map(entry.ResumeInstructions, i => Item(i, lines)),
            Snapshot = entry.Snapshot is { } link
                ? link with { Range = Range(link.Range, lines), LineRange = Range(link.LineRange, lines) }
                : null,
            BodyRange = Range(entry.BodyRange, lines),
        };
    }

    private static NoteField Field(NoteField field, int lines) => field with
    {
        LabelRange = Range(field.LabelRange, lines),
        ValueRange = Range(field.ValueRange, lines),
        Range = Range(field.Range, lines),
        Items = Map(field.Items, i => Item(i, lines)),
    };

    private static NoteSection Section(NoteSection section, int lines) => section with
    {
        HeadingRange = Range(section.HeadingRange, lines),
        NameRange = Range(section.NameRange, lines),
        Range = Range(section.Range, lines),
        Items = Map(section.Items, i => Item(i, lines)),
    };

    private static NoteListItem Item(NoteListItem item, int lines) =>
        item with { Range = Range(item.Range, lines), LineRange = Range(item.LineRange, lines) };

    private static TextRange Range(TextRange range, int lines) =>
        new(new TextPosition(range.Start.Line + lines, range.Start.Character), new TextPosition(range.End.Line + lines, range.End.Character));

    private static TextRange? Range(TextRange? range, int lines) => range is { } r ? Range(r, lines) : null;

    private static IReadOnlyList<T> Map<T>(IReadOnlyList<T> items, Func<T, T> shift)
    {
        if (items.Count == 0) return items;
        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = shift(items[i]);
        return result;
    }
}
