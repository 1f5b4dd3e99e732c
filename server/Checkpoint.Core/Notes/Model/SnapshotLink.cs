namespace Checkpoint.Core.Notes.Model;

/// <summary>
/// A <c>**Snapshot:** &lt;name&gt;_&lt;YYYYMMDD_HHMMSS&gt;[_N]</c> line that links an entry to a file checkpoint.
/// </summary>
/// <param name="Id">The checkpoint folder name, e.g. "notes-2026-02-13_20260213_143022".</param>
/// <param name="Name">The checkpoint name part.</param>
/// <param name="Timestamp">The timestamp part with its collision suffix, e.g. "20260213_143022_2".</param>
/// <param name="Range">The range of the id in the source.</param>
/// <param name="LineRange">The range of the whole Snapshot line.</param>
public sealed record SnapshotLink(string Id, string Name, string Timestamp, TextRange Range, TextRange LineRange);
