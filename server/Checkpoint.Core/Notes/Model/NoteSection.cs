namespace Checkpoint.Core.Notes.Model;

/// <summary>A sub-heading inside a Full checkpoint (<c>### Current Session</c>) and what it covers.</summary>
public sealed record NoteSection
{
    /// <summary>The heading text, e.g. "Work State".</summary>
    public required string Name { get; init; }

    /// <summary>The heading level (3 in the template).</summary>
    public required int Level { get; init; }

    /// <summary>The range of the heading line (from the first <c>#</c> to the end of the text).</summary>
    public required TextRange HeadingRange { get; init; }

    /// <summary>The range of the heading text alone.</summary>
    public required TextRange NameRange { get; init; }

    /// <summary>From the heading to the end of the section's last non-blank line.</summary>
    public required TextRange Range { get; init; }

    /// <summary>Items of the list that directly follows the heading (Resume Instructions, Open Questions).</summary>
    public IReadOnlyList<NoteListItem> Items { get; init; } = [];

    /// <summary>True when the list after the heading is numbered.</summary>
    public bool ItemsAreNumbered { get; init; }

    /// <summary>True when the name equals <paramref name="name"/> (same comparison as labels).</summary>
    public bool Is(string name) => NoteLabels.AreSame(Name, name);
}
