namespace Checkpoint.Core.Notes.Analysis;

/// <summary>What an outline node stands for (the LSP handler picks a SymbolKind for each).</summary>
public enum NoteSymbolKind
{
    /// <summary>A checkpoint or note.</summary>
    Entry,
    /// <summary>A sub-heading of a Full checkpoint.</summary>
    Section,
    /// <summary>A <c>**Label:**</c> field.</summary>
    Field,
}

/// <summary>An outline node, shaped like LSP's DocumentSymbol.</summary>
/// <param name="Name">The text shown, e.g. "14:30 Full checkpoint — 75%".</param>
/// <param name="Detail">A one-line summary (the task, or the field's value), or null.</param>
/// <param name="Kind">What the node stands for.</param>
/// <param name="Range">Everything the node covers.</param>
/// <param name="SelectionRange">What to select when the node is picked (inside <paramref name="Range"/>).</param>
/// <param name="Children">Nested nodes.</param>
public sealed record NoteSymbol(
    string Name,
    string? Detail,
    NoteSymbolKind Kind,
    TextRange Range,
    TextRange SelectionRange,
    IReadOnlyList<NoteSymbol> Children);
