namespace Checkpoint.Core.Notes.Analysis;

/// <summary>What a code lens on an entry heading does.</summary>
public enum NoteCodeLensKind
{
    /// <summary>Show the recovery brief. Arguments: [uri, headingLine].</summary>
    ResumeBrief,
    /// <summary>Show the progress checklist. Arguments: [uri, headingLine].</summary>
    Progress,
    /// <summary>Save a file checkpoint and link it from the entry. Arguments: [uri, headingLine].</summary>
    SnapshotNow,
    /// <summary>Restore the linked checkpoint. Arguments: [snapshotId].</summary>
    RestoreSnapshot,
}

/// <summary>
/// A code lens as data: the LSP handler maps <see cref="Kind"/> to its command id (protocol.ts'
/// LensCommands) and passes <see cref="Arguments"/> through unchanged.
/// </summary>
/// <param name="Kind">What the lens does.</param>
/// <param name="Range">The entry heading's range.</param>
/// <param name="Title">The text shown, e.g. "Progress 2/5".</param>
/// <param name="Arguments">The command arguments in protocol.ts' order (strings and ints).</param>
public sealed record NoteCodeLens(NoteCodeLensKind Kind, TextRange Range, string Title, IReadOnlyList<object> Arguments);
