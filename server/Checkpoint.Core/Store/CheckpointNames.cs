using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Checkpoint.Core.Store;

/// <summary>The seed's naming rules for names, stages, timestamps and checkpoint folder ids.</summary>
internal static partial class CheckpointNames
{
    public const string NameRule = "letters, digits, '-' and '_', 1 to 50 characters";
    public const string TimestampRule = "YYYYMMDD_HHMMSS, optionally followed by a collision suffix such as _2";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\d{8}_\d{6}(_\d+)?$")]
    private static partial Regex TimestampPattern();

    // The name may itself contain underscores, so the timestamp is anchored at the end.
    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_-]{1,50})_(?<ts>\d{8}_\d{6}(?:_\d+)?)$")]
    private static partial Regex IdPattern();

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static void ValidateName(string? name)
    {
        if (!IsValidName(name))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"Invalid checkpoint name '{name}': use {NameRule} (for example module-05).");
        }
    }

    public static void ValidateStage(string? stage)
    {
        if (string.IsNullOrWhiteSpace(stage) || stage.Contains('\n') || stage.Contains('\r'))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                "Invalid stage: it must be a non-empty single line (for example case-studies).");
        }
    }

    public static void ValidateTimestamp(string? timestamp)
    {
        if (timestamp is null || !TimestampPattern().IsMatch(timestamp))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"Invalid timestamp '{timestamp}': use {TimestampRule} (for example 20250104_143022).");
        }
    }

    /// <summary>Splits a folder name <c>&lt;name&gt;_&lt;timestamp&gt;</c>; false for anything else.</summary>
    public static bool TryParseId(string id, out string name, out string timestamp)
    {
        Match match = IdPattern().Match(id);
        if (!match.Success)
        {
            name = timestamp = "";
            return false;
        }
        name = match.Groups["name"].Value;
        timestamp = match.Groups["ts"].Value;
        return true;
    }

    public static string Id(string name, string timestamp) => $"{name}_{timestamp}";

    /// <summary>The folder timestamp of a local time: <c>YYYYMMDD_HHMMSS</c>.</summary>
    public static string FolderTimestamp(DateTime local) => local.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The seed's ISO local time: <c>yyyy-MM-ddTHH:mm:ss</c>.</summary>
    [SkipLocalsInit]
    public static string IsoLocal(DateTime local)
    {
        // Written digit by digit: a save formats one per file, and DateTime.ToString re-parses the format
        // string every time (and runs unoptimised in a short CLI process).
        (int year, int month, int day) = local;
        Span<char> text = stackalloc char[19];
        Digits(text[..4], year);
        text[4] = '-';
        Digits(text.Slice(5, 2), month);
        text[7] = '-';
        Digits(text.Slice(8, 2), day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), local.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), local.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), local.Second);
        return new string(text);

        static void Digits(Span<char> into, int value)
        {
            for (int i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (char)('0' + (value % 10));
            }
        }
    }

    /// <summary>The creation time a folder timestamp stands for (the suffix ignored).</summary>
    public static DateTime? ParseFolderTimestamp(string timestamp) =>
        DateTime.TryParseExact(timestamp.AsSpan(0, Math.Min(15, timestamp.Length)), "yyyyMMdd_HHmmss",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime value) ? value : null;

    public static DateTime? ParseIsoLocal(string iso) =>
        DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime value) ? value : null;

    /// <summary>Orders timestamps oldest first, the collision suffix counting numerically.</summary>
    public static int CompareTimestamps(string a, string b)
    {
        int baseOrder = string.CompareOrdinal(a[..Math.Min(15, a.Length)], b[..Math.Min(15, b.Length)]);
        return baseOrder != 0 ? baseOrder : Suffix(a).CompareTo(Suffix(b));

        static int Suffix(string ts) => ts.Length > 16 && int.TryParse(ts.AsSpan(16), out int n) ? n : 1;
    }
}
