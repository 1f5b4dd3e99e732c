namespace Checkpoint.Core.Notes.Model;

/// <summary>
/// One top-level item of a markdown list inside an entry.
/// <see cref="Text"/> is the first line after the bullet (and after a <c>[ ]</c>/<c>[x]</c> box);
/// <see cref="Range"/> covers exactly that text.
/// </summary>
/// <param name="Text">The item text, trimmed.</param>
/// <param name="Range">The exact range of <see cref="Text"/>.</param>
/// <param name="Checked">True for <c>[x]</c>, false for <c>[ ]</c>, null when the item has no box.</param>
/// <param name="LineRange">The whole source line of the item, bullet included.</param>
public sealed record NoteListItem(string Text, TextRange Range, bool? Checked, TextRange LineRange);
