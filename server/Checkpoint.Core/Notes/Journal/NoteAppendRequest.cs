using System.Globalization;

namespace Checkpoint.Core.Notes.Journal;

/// <summary>
/// What to append to the journal, validated the same way for every face (<c>checkpoint note</c>,
/// <c>checkpoint/note</c>): a format by its wire name, an optional context % between 0 and 100, a day
/// (<c>YYYY-MM-DD</c>) and a time (<c>HH:MM</c>) that default to now.
/// </summary>
public sealed record NoteAppendRequest(NoteFormat Format, DateOnly Date, TimeOnly Time, int? ContextPercent)
{
    /// <summary>
    /// Validates raw inputs; missing date and time are taken from <paramref name="now"/> (local).
    /// </summary>
    /// <exception cref="CheckpointException"><see cref="ErrorKind.InvalidArgument"/> with a message that says what is allowed.</exception>
    public static NoteAppendRequest Parse(string? format, int? contextPercent, string? date, string? time, DateTimeOffset now)
    {
        if (!NoteFormatNames.TryParse(format, out var parsedFormat))
        {
            throw Invalid($"Unknown note format '{format}'. Allowed: {string.Join(", ", NoteFormatNames.WireNames)}.");
        }

        if (contextPercent is < 0 or > 100)
        {
            throw Invalid($"Context percentage {contextPercent} is out of range. Allowed: 0 to 100.");
        }

        var day = DateOnly.FromDateTime(now.DateTime);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            throw Invalid($"Invalid date '{date}'. Expected YYYY-MM-DD, e.g. 2026-02-13.");
        }

        var clock = TimeOnly.FromDateTime(now.DateTime);
        if (time is not null && !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
        {
            throw Invalid($"Invalid time '{time}'. Expected HH:MM (24-hour), e.g. 14:30.");
        }

        return new NoteAppendRequest(parsedFormat, day, new TimeOnly(clock.Hour, clock.Minute), contextPercent);
    }

    private static CheckpointException Invalid(string message) => new(ErrorKind.InvalidArgument, message);
}
