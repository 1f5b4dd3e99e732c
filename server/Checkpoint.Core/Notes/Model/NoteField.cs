namespace Checkpoint.Core.Notes.Model;

/// <summary>
/// A <c>**Label:** value</c> line of an entry (also <c>**Label**:</c>). When the label stands alone on
/// its line, the value is the paragraph or list that follows it (e.g. <c>**Active Files:**</c> then a list).
/// Lines that continue the field's paragraph belong to its value.
/// </summary>
public sealed record NoteField
{
    /// <summary>The label as written, without the bold markers and colon, e.g. "Key Decisions Made".</summary>
    public required string Label { get; init; }

    /// <summary>The value's source text (may span lines; list bullets included), trimmed; empty when none.</summary>
    public required string Value { get; init; }

    /// <summary>The range of the label text.</summary>
    public required TextRange LabelRange { get; init; }

    /// <summary>The exact range of <see cref="Value"/>; an empty range right after the label when the value is empty.</summary>
    public required TextRange ValueRange { get; init; }

    /// <summary>From the opening <c>**</c> to the end of the value.</summary>
    public required TextRange Range { get; init; }

    /// <summary>The sub-heading (<c>### Work State</c>) the field sits under, or null.</summary>
    public string? Section { get; init; }

    /// <summary>The list items of the value when the value is a list; empty otherwise.</summary>
    public IReadOnlyList<NoteListItem> Items { get; init; } = [];

    /// <summary>True when the label equals <paramref name="label"/>, ignoring case and the kind of apostrophe.</summary>
    public bool Is(string label) => NoteLabels.AreSame(Label, label);
}
