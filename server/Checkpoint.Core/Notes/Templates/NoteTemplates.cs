namespace Checkpoint.Core.Notes.Templates;

/// <summary>The five templates of the seed, rendered as text or as snippets.</summary>
public static class NoteTemplates
{
    private static readonly NoteTemplate[] Templates =
    [
        new(NoteFormat.Full, "Full checkpoint", "## Checkpoint", NoteTemplateText.Full),
        new(NoteFormat.Emergency, "Emergency checkpoint", "## EMERGENCY CHECKPOINT", NoteTemplateText.Emergency),
        new(NoteFormat.Survival, "Survival checkpoint", "## SURVIVAL", NoteTemplateText.Survival),
        new(NoteFormat.PreOperation, "Pre-Operation checkpoint", "## Pre-Operation", NoteTemplateText.PreOperation),
        new(NoteFormat.QuickNote, "Quick note", "### Note", NoteTemplateText.QuickNote),
    ];

    /// <summary>Every template, in the order of <see cref="NoteFormat"/>.</summary>
    public static IReadOnlyList<NoteTemplate> All => Templates;

    /// <summary>
    /// Every placeholder text of every template, longest first (so a search finds "[One line - where we are]"
    /// before it could find a shorter hint), plus the bare "HH:MM" and "XX%" of the headings.
    /// </summary>
    public static IReadOnlyList<string> AllPlaceholders { get; } =
        Templates.SelectMany(t => t.Placeholders)
            .Append("HH:MM")
            .Append(NoteTemplate.UnknownContext + "%")
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(p => p.Length)
            .ToList();

    /// <summary>The template of <paramref name="format"/>.</summary>
    public static NoteTemplate For(NoteFormat format) => Templates[(int)format];

    /// <summary>Renders <paramref name="format"/> as plain text; see <see cref="NoteTemplate.Render"/>.</summary>
    public static string Render(NoteFormat format, TimeOnly time, int? contextPercent = null) =>
        For(format).Render(time, contextPercent);

    /// <summary>Renders <paramref name="format"/> as a snippet; see <see cref="NoteTemplate.RenderSnippet"/>.</summary>
    public static string RenderSnippet(NoteFormat format, TimeOnly time, int? contextPercent = null) =>
        For(format).RenderSnippet(time, contextPercent);
}
