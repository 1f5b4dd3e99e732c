namespace Checkpoint.Core.Notes;

/// <summary>A half-open range [Start, End) between two <see cref="TextPosition"/>s.</summary>
public readonly record struct TextRange(TextPosition Start, TextPosition End)
{
    /// <summary>Builds a range from its four coordinates.</summary>
    public static TextRange From(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new(new TextPosition(startLine, startCharacter), new TextPosition(endLine, endCharacter));

    /// <summary>True when <paramref name="position"/> lies inside the range (end inclusive, as editors treat a caret at the end).</summary>
    public bool Contains(TextPosition position) => !position.IsBefore(Start) && !End.IsBefore(position);

    /// <summary>True when <paramref name="line"/> is one of the lines the range touches.</summary>
    public bool ContainsLine(int line) => line >= Start.Line && line <= End.Line;

    /// <inheritdoc />
    public override string ToString() => $"{Start}-{End}";
}
