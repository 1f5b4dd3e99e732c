namespace Checkpoint.Core.Notes;

/// <summary>What the note language service needs from its host.</summary>
public sealed record NoteLanguageServiceOptions
{
    /// <summary>
    /// The default of <see cref="MaxFullFeatureLength"/>: 2 MB (2,097,152 characters). A busy day is tens of
    /// entries and an agent checkpointing every minute writes about 0.7 MB, so real notes stay well under it.
    /// Measured on the real server with the editor's requests while typing (2 busy cores): with every feature a
    /// 2 MB note peaks at about 300 MB resident, a 19 MB one at 1.7 GB and takes 10–20 s for its outline;
    /// outline-only, the 19 MB note peaks at 300–420 MB and answers in 0.2–1.5 s.
    /// </summary>
    public const int DefaultMaxFullFeatureLength = 2 * 1024 * 1024;

    /// <summary>The workspace root that Active Files / FILES paths are relative to; null turns the file check off.</summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>Whether an absolute path exists; null means the real file system.</summary>
    public Func<string, bool>? PathExists { get; init; }

    /// <summary>The clock that fills HH:MM in completions; null means the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// The longest note (in characters, about its size in bytes for mostly-ASCII markdown) that gets every
    /// feature. A longer one is read by a line scan instead of Markdig (<see cref="Model.NoteDocument.IsOutlineOnly"/>):
    /// its outline lists the entries without their sections and fields, it has no code lenses, and its only
    /// diagnostic says it is too large; completions and the lens commands still work. What the service holds
    /// for such a note is then its text, a line index and one heading per entry, and no request reads more.
    /// </summary>
    public int MaxFullFeatureLength { get; init; } = DefaultMaxFullFeatureLength;
}
