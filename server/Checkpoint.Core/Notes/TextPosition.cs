namespace Checkpoint.Core.Notes;

/// <summary>
/// A position in a text document as the language server protocol counts it:
/// 0-based line and a 0-based column in UTF-16 code units (which is what a .NET string index is).
/// </summary>
public readonly record struct TextPosition(int Line, int Character) : IComparable<TextPosition>
{
    /// <inheritdoc />
    public int CompareTo(TextPosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    /// <summary>True when this position comes before <paramref name="other"/>.</summary>
    public bool IsBefore(TextPosition other) => CompareTo(other) < 0;

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Character}";
}
