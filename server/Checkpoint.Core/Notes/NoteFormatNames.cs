namespace Checkpoint.Core.Notes;

/// <summary>
/// The wire and command-line names of the formats (<c>full|emergency|survival|pre-operation|quick</c>,
/// as in protocol.ts) and the human names used in titles and messages.
/// </summary>
public static class NoteFormatNames
{
    /// <summary>Every wire name, in the order the formats are declared.</summary>
    public static IReadOnlyList<string> WireNames { get; } = ["full", "emergency", "survival", "pre-operation", "quick"];

    /// <summary>The wire name of a format, e.g. <c>pre-operation</c>.</summary>
    public static string ToWireName(NoteFormat format) => WireNames[(int)format];

    /// <summary>Parses a wire name (case-insensitive); false when it is not one of <see cref="WireNames"/>.</summary>
    public static bool TryParse(string? name, out NoteFormat format)
    {
        for (var i = 0; i < WireNames.Count; i++)
        {
            if (string.Equals(WireNames[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = (NoteFormat)i;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>The human name, e.g. "Pre-Operation" or "Quick Note".</summary>
    public static string DisplayName(NoteFormat format) => format switch
    {
        NoteFormat.Full => "Full",
        NoteFormat.Emergency => "Emergency",
        NoteFormat.Survival => "Survival",
        NoteFormat.PreOperation => "Pre-Operation",
        NoteFormat.QuickNote => "Quick Note",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
