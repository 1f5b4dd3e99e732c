using System.Globalization;
using System.Text.RegularExpressions;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Recognises the heading that starts an entry, leniently: brackets around the time or not, an em dash,
/// en dash, <c>--</c> or <c>-</c> before "Context", any case. Full, Emergency, Survival and Pre-Operation
/// headings start an entry only at level 2 (deeper ones are sections of a Full checkpoint); a Quick Note
/// heading does at any level.
/// </summary>
internal sealed partial record EntryHeading(
    NoteFormat Format,
    AtxHeadingLine Line,
    int LineNumber,
    TimeOnly? Time,
    (int Start, int End)? TimeSpan,
    int? ContextPercent,
    (int Start, int End)? ContextSpan)
{
    // Brackets are optional, but the spaces inside brackets belong to the time and those outside do not:
    // the range of "14:30" in "Checkpoint 14:30 — …" must end at the "0".
    private const string Clock = @"(?:(?<hh>[0-9]{1,2}):(?<mm>[0-9]{2})|HH:MM)";
    private const string TimePattern = @"(?<time>\[[ \t]*" + Clock + @"[ \t]*\]|" + Clock + ")";
    private const string Percent = @"(?:(?<pct>[0-9]{1,3})|XX)";
    private const string ContextPattern =
        @"(?:[ \t]*(?:—|–|--|-|:|\||,)?[ \t]*\(?[ \t]*Context[ \t]*:?[ \t]*(?<ctx>\[[ \t]*" + Percent + @"[ \t]*%?[ \t]*\]|" + Percent + @"(?:[ \t]*%)?)\)?)?";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^EMERGENCY(?:[ \t]+CHECKPOINT)?[ \t]*" + TimePattern + ContextPattern, Options)]
    private static partial Regex EmergencyHeading { get; }

    [GeneratedRegex(@"^SURVIVAL(?:[ \t]+CHECKPOINT)?[ \t]*" + TimePattern + ContextPattern, Options)]
    private static partial Regex SurvivalHeading { get; }

    [GeneratedRegex(@"^Pre[- \t]?Operation(?:[ \t]+Checkpoint)?[ \t]*" + TimePattern + ContextPattern, Options)]
    private static partial Regex PreOperationHeading { get; }

    [GeneratedRegex(@"^(?:Full[ \t]+)?Checkpoint[ \t]*" + TimePattern + ContextPattern, Options)]
    private static partial Regex FullHeading { get; }

    [GeneratedRegex(@"^" + TimePattern + @"[ \t]*(?:(?:—|–|--|-)[ \t]*)?(?:Quick[ \t]+)?Note\b", Options)]
    private static partial Regex TimeThenNoteHeading { get; }

    [GeneratedRegex(@"^(?:Quick[ \t]+)?Note[ \t]*(?:(?:—|–|--|-|:)[ \t]*)?" + TimePattern, Options)]
    private static partial Regex NoteThenTimeHeading { get; }

    // Order matters: "EMERGENCY CHECKPOINT" must be tried before the Full pattern's "Checkpoint".
    private static readonly (NoteFormat Format, Regex Pattern)[] Checkpoints =
    [
        (NoteFormat.Emergency, EmergencyHeading),
        (NoteFormat.Survival, SurvivalHeading),
        (NoteFormat.PreOperation, PreOperationHeading),
        (NoteFormat.Full, FullHeading),
    ];

    private static readonly Regex[] QuickNotes = [TimeThenNoteHeading, NoteThenTimeHeading];

    public static bool TryRecognize(LineMap lines, int lineNumber, int markdigLevel, out EntryHeading? heading)
    {
        heading = null;
        if (!AtxHeadingLine.TryRead(lines, lineNumber, out var atx) || atx.Level != markdigLevel) return false;

        var length = atx.TextEnd - atx.TextStart;
        if (atx.Level == 2)
        {
            foreach (var (format, pattern) in Checkpoints)
            {
                var match = pattern.Match(lines.Text, atx.TextStart, length);
                if (match.Success)
                {
                    heading = Create(format, atx, lineNumber, match);
                    return true;
                }
            }
        }
        if (length == 0 || !MayBeQuickNote(lines.Text[atx.TextStart])) return false;
        foreach (var pattern in QuickNotes)
        {
            var match = pattern.Match(lines.Text, atx.TextStart, length);
            if (match.Success)
            {
                heading = Create(NoteFormat.QuickNote, atx, lineNumber, match);
                return true;
            }
        }
        return false;
    }

    // Most sub-headings ("### Work State") cannot be a quick note; skip the regexes for them.
    internal static bool MayBeQuickNote(char first) => char.IsAsciiDigit(first) || first is '[' or 'N' or 'n' or 'Q' or 'q';

    private static EntryHeading Create(NoteFormat format, AtxHeadingLine atx, int lineNumber, Match match)
    {
        var time = match.Groups["time"];
        var ctx = match.Groups["ctx"];
        return new EntryHeading(
            format,
            atx,
            lineNumber,
            ReadTime(match),
            time.Success ? (time.Index, time.Index + time.Length) : null,
            match.Groups["pct"] is { Success: true } pct ? int.Parse(pct.ValueSpan, CultureInfo.InvariantCulture) : null,
            ctx.Success ? (ctx.Index, ctx.Index + ctx.Length) : null);
    }

    private static TimeOnly? ReadTime(Match match)
    {
        if (!match.Groups["hh"].Success) return null;
        var hours = int.Parse(match.Groups["hh"].ValueSpan, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups["mm"].ValueSpan, CultureInfo.InvariantCulture);
        return hours < 24 && minutes < 60 ? new TimeOnly(hours, minutes) : null;
    }
}
