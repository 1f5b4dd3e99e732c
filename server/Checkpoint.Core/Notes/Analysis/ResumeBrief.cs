using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// The seed's recovery acknowledgement for an entry: "Resuming from checkpoint at HH:MM. Last captured:
/// &lt;status&gt;. Continuing with &lt;next action&gt;."
/// </summary>
public static class ResumeBrief
{
    /// <summary>Says what to write when a note does not record its status.</summary>
    public const string NoStatus = "no status recorded";

    /// <summary>Says what to write when a note does not record the next action.</summary>
    public const string NoNextAction = "the next step (none recorded)";

    /// <summary>The brief for <paramref name="entry"/>.</summary>
    public static string For(NoteEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var time = entry.TimeText ?? "an unrecorded time";
        return $"Resuming from checkpoint at {time}. Last captured: {Status(entry) ?? NoStatus}. Continuing with {NextAction(entry) ?? NoNextAction}.";
    }

    /// <summary>
    /// What the entry says about where things stand: STATUS / Status / Current state, else the checklist's
    /// current step, else the task; for a quick note, its text. Placeholders count as nothing.
    /// </summary>
    public static string? Status(NoteEntry entry) =>
        FirstValue(entry, NoteLabels.Status, NoteLabels.CurrentState)
        ?? Meaningful(entry.Progress?.Current?.Text)
        ?? FirstValue(entry, NoteLabels.Task, NoteLabels.AboutTo)
        ?? (entry.Format == NoteFormat.QuickNote ? Meaningful(entry.Body) : null);

    /// <summary>
    /// What to do next: NEXT, else the first Resume Instruction, else After success, else the
    /// checklist's next unchecked step.
    /// </summary>
    public static string? NextAction(NoteEntry entry) =>
        FirstValue(entry, NoteLabels.Next)
        ?? Meaningful(entry.ResumeInstructions.FirstOrDefault()?.Text)
        ?? FirstValue(entry, NoteLabels.AfterSuccess)
        ?? Meaningful(entry.Progress?.NextStep?.Text);

    private static string? FirstValue(NoteEntry entry, params string[] labels)
    {
        foreach (var label in labels)
        {
            if (Meaningful(entry.Field(label)?.Value) is { } value) return value;
        }
        return null;
    }

    private static string? Meaningful(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (NoteTemplates.AllPlaceholders.Any(p => text.Contains(p, StringComparison.Ordinal))) return null;
        // One line, without the sentence's own full stop (the brief adds its own).
        var line = SingleLine.Of(text).TrimEnd('.', ' ');
        return line.Length == 0 ? null : line;
    }
}
