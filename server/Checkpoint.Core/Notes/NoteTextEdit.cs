namespace Checkpoint.Core.Notes;

/// <summary>Replace <see cref="Range"/> with <see cref="NewText"/> (an insertion when the range is empty).</summary>
public sealed record NoteTextEdit(TextRange Range, string NewText);
