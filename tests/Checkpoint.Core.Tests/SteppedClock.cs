namespace Checkpoint.Core.Tests;

/// <summary>A clock that stands still until a test moves it (forward, or back as DST and NTP do), in UTC.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
