using System.Globalization;

namespace Checkpoint.Server.Cli.Rendering;

/// <summary>Sizes, counts and ages the way a person reads them.</summary>
internal static class Units
{
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB"];

    /// <summary><c>512 B</c>, <c>122.7 KB</c>, <c>3.1 MB</c> (powers of 1024).</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + ByteUnits[unit];
    }

    /// <summary><c>11,500</c>.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 file" / "3 files".</summary>
    public static string Plural(long count, string noun) => $"{Count(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>How long ago an ISO local time was: <c>just now</c>, <c>5m</c>, <c>3h</c>, <c>2d</c>; <c>?</c> if unreadable.</summary>
    public static string Age(string isoLocalTime, DateTime now)
    {
        if (!DateTime.TryParse(isoLocalTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var created))
            return "?";
        var age = now - created;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)age.TotalMinutes}m",
            < 60 * 48 => $"{(int)age.TotalHours}h",
            _ => $"{(int)age.TotalDays}d",
        };
    }

    /// <summary><c>just now</c>, <c>5m ago</c>, <c>2d ago</c>.</summary>
    public static string Ago(string isoLocalTime, DateTime now) =>
        Age(isoLocalTime, now) is var age && age is "just now" or "?" ? age : $"{age} ago";
}
