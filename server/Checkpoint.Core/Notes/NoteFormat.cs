namespace Checkpoint.Core.Notes;

/// <summary>The five episodic-note formats of the seed.</summary>
public enum NoteFormat
{
    /// <summary><c>## Checkpoint HH:MM — Context: XX%</c>, for 70–84 % context.</summary>
    Full,
    /// <summary><c>## EMERGENCY CHECKPOINT HH:MM — Context: XX%</c>, for 85–94 % context.</summary>
    Emergency,
    /// <summary><c>## SURVIVAL HH:MM — Context: XX%</c>, for 95 % context and above.</summary>
    Survival,
    /// <summary><c>## Pre-Operation HH:MM</c>, before an operation that could fail.</summary>
    PreOperation,
    /// <summary><c>### HH:MM Note</c>, free text for 50–69 % context.</summary>
    QuickNote,
}
