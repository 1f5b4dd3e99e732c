using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>The outline of a day: entries, then a Full checkpoint's sections, then fields.</summary>
public sealed class NoteSymbolProvider
{
    private const int DetailLength = 80;

    /// <summary>The outline of <paramref name="document"/>.</summary>
    public IReadOnlyList<NoteSymbol> Provide(NoteDocument document, CancellationToken cancellationToken)
    {
        var symbols = new List<NoteSymbol>(document.Entries.Count);
        for (var i = 0; i < document.Entries.Count; i++)
        {
            if ((i & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            symbols.Add(EntrySymbol(document.Entries[i]));
        }
        return symbols;
    }

    /// <summary>The outline name of an entry, e.g. "14:30 Full checkpoint — 75%" or "20:20 Pre-Operation checkpoint".</summary>
    public static string EntryName(NoteEntry entry)
    {
        var name = $"{entry.TimeText ?? "--:--"} {NoteTemplates.For(entry.Format).Label}";
        return entry.ContextPercent is { } percent ? $"{name} — {percent}%" : name;
    }

    private static NoteSymbol EntrySymbol(NoteEntry entry)
    {
        var children = new List<NoteSymbol>();
        foreach (var field in entry.Fields.Where(f => f.Section is null)) children.Add(FieldSymbol(field));
        foreach (var section in entry.Sections)
        {
            var fields = entry.Fields
                .Where(f => f.Section == section.Name && section.Range.Contains(f.Range.Start))
                .Select(FieldSymbol)
                .ToList();
            children.Add(new NoteSymbol(section.Name, null, NoteSymbolKind.Section, section.Range, section.NameRange, fields));
        }
        children.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));

        var detail = ResumeBrief.Status(entry) is { } status ? OneLine(status) : null;
        return new NoteSymbol(EntryName(entry), detail, NoteSymbolKind.Entry, entry.Range, entry.HeadingRange, children);
    }

    private static NoteSymbol FieldSymbol(NoteField field) =>
        new(field.Label, field.Value.Length > 0 ? OneLine(field.Value) : null, NoteSymbolKind.Field, field.Range, field.LabelRange, []);

    private static string OneLine(string text)
    {
        var line = SingleLine.Of(text);
        return line.Length <= DetailLength ? line : line[..(DetailLength - 1)] + "…";
    }
}
