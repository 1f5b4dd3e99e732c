namespace Checkpoint.Core.Notes.Journal;

/// <summary>What <see cref="EpisodicJournal.Append"/> wrote; the engine returns it as part of <see cref="WrittenNote"/>.</summary>
/// <param name="Path">The absolute path of the day's note.</param>
/// <param name="Text">The entry as appended (in the file's line endings).</param>
/// <param name="Line">The 0-based line of the entry's heading in the file after appending.</param>
public sealed record JournalAppendResult(string Path, string Text, int Line);
