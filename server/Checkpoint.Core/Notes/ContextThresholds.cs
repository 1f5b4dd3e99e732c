namespace Checkpoint.Core.Notes;

/// <summary>
/// The seed's context bands: &lt; 50 normal; 50–69 quick notes; 70–84 Full; 85–94 Emergency; ≥ 95 Survival.
/// </summary>
public static class ContextThresholds
{
    /// <summary>
    /// The format the seed asks for at <paramref name="contextPercent"/>, or null below 50 %
    /// where any note (or none) is fine.
    /// </summary>
    public static NoteFormat? ExpectedFormat(int contextPercent) => contextPercent switch
    {
        < 50 => null,
        < 70 => NoteFormat.QuickNote,
        < 85 => NoteFormat.Full,
        < 95 => NoteFormat.Emergency,
        _ => NoteFormat.Survival,
    };

    /// <summary>The band of a format as people read it, e.g. "85–94 %"; null for Pre-Operation (any time).</summary>
    public static string? BandText(NoteFormat format) => format switch
    {
        NoteFormat.QuickNote => "50–69 %",
        NoteFormat.Full => "70–84 %",
        NoteFormat.Emergency => "85–94 %",
        NoteFormat.Survival => "95 % and above",
        _ => null,
    };
}
