namespace Checkpoint.Core.Notes.Model;

/// <summary>One checkpoint or note of a day's episodic file, from its heading to the next entry heading.</summary>
public sealed record NoteEntry
{
    /// <summary>Which of the five formats the heading announces.</summary>
    public required NoteFormat Format { get; init; }

    /// <summary>The heading level (2 for checkpoints; any for quick notes).</summary>
    public required int HeadingLevel { get; init; }

    /// <summary>The heading text without the <c>#</c> marks, e.g. "Checkpoint 14:30 — Context: 75%".</summary>
    public required string HeadingText { get; init; }

    /// <summary>The heading line from the first <c>#</c> to the end of its text.</summary>
    public required TextRange HeadingRange { get; init; }

    /// <summary>From the heading to the end of the last non-blank line before the next entry (or the end).</summary>
    public required TextRange Range { get; init; }

    /// <summary>The time of the heading; null when missing, invalid or still "HH:MM".</summary>
    public TimeOnly? Time { get; init; }

    /// <summary>The range of the time as written (brackets included); null when the heading has none.</summary>
    public TextRange? TimeRange { get; init; }

    /// <summary>The context percentage of the heading; null when absent or still "XX%".</summary>
    public int? ContextPercent { get; init; }

    /// <summary>The range of the context value (digits and %), when the heading has a Context part.</summary>
    public TextRange? ContextRange { get; init; }

    /// <summary>Every field of the entry in source order.</summary>
    public IReadOnlyList<NoteField> Fields { get; init; } = [];

    /// <summary>The sub-headings of a Full checkpoint in source order.</summary>
    public IReadOnlyList<NoteSection> Sections { get; init; } = [];

    /// <summary>The progress checklist, when the entry has one.</summary>
    public ProgressChecklist? Progress { get; init; }

    /// <summary>The numbered Resume Instructions, in order; empty when there are none.</summary>
    public IReadOnlyList<NoteListItem> ResumeInstructions { get; init; } = [];

    /// <summary>The last Snapshot line of the entry, when there is one.</summary>
    public SnapshotLink? Snapshot { get; init; }

    /// <summary>A Quick Note's free text after its heading (trimmed); empty for the other formats and for an empty note.</summary>
    public string Body { get; init; } = "";

    /// <summary>The range of <see cref="Body"/>, when not empty.</summary>
    public TextRange? BodyRange { get; init; }

    /// <summary>"14:30", or null when the heading has no valid time.</summary>
    public string? TimeText => Time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first field with this label (case-insensitive), or null.</summary>
    public NoteField? Field(string label) => Fields.FirstOrDefault(f => f.Is(label));

    /// <summary>The first section with this name, or null.</summary>
    public NoteSection? Section(string name) => Sections.FirstOrDefault(s => s.Is(name));
}
