namespace Checkpoint.Core.Notes;

/// <summary>What the note language service needs from its host.</summary>
public sealed record NoteLanguageServiceOptions
{
    /// <summary>The workspace root that Active Files / FILES paths are relative to; null turns the file check off.</summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>Whether an absolute path exists; null means the real file system.</summary>
    public Func<string, bool>? PathExists { get; init; }

    /// <summary>The clock that fills HH:MM in completions; null means the system clock.</summary>
    public TimeProvider? Clock { get; init; }
}
