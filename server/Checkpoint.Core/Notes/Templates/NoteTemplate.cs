using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Checkpoint.Core.Notes.Templates;

/// <summary>One format's template, split into literal text, the time, the context % and placeholders.</summary>
public sealed partial class NoteTemplate
{
    [GeneratedRegex(@"\{\{(?<name>.+?)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Marker { get; }
    private const string TimeMarker = "time";
    private const string ContextMarker = "context";

    /// <summary>The seed's stand-in for an unknown context percentage.</summary>
    public const string UnknownContext = "XX";

    private readonly IReadOnlyList<Segment> _segments;

    internal NoteTemplate(NoteFormat format, string label, string headingPrefix, string definition)
    {
        Format = format;
        Label = label;
        HeadingPrefix = headingPrefix;
        _segments = Split(definition);
        Placeholders = _segments.Where(s => s.Kind == SegmentKind.Placeholder).Select(s => s.Text).Distinct().ToList();
    }

    /// <summary>The format this template writes.</summary>
    public NoteFormat Format { get; }

    /// <summary>A short name for menus, e.g. "Emergency checkpoint".</summary>
    public string Label { get; }

    /// <summary>The heading text before the time, e.g. "## EMERGENCY CHECKPOINT" (useful to filter completions).</summary>
    public string HeadingPrefix { get; }

    /// <summary>The placeholder texts exactly as the seed writes them, e.g. "[One line - what we're doing]".</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>True when the heading carries a context percentage.</summary>
    public bool HasContext => _segments.Any(s => s.Kind == SegmentKind.Context);

    /// <summary>The template as plain text ending with a newline; placeholders keep the seed's hints.</summary>
    /// <param name="time">The heading time.</param>
    /// <param name="contextPercent">The heading's context %, or null for the seed's "XX".</param>
    public string Render(TimeOnly time, int? contextPercent)
    {
        var text = new StringBuilder();
        foreach (var segment in _segments)
        {
            text.Append(segment.Kind switch
            {
                SegmentKind.Time => FormatTime(time),
                SegmentKind.Context => FormatContext(contextPercent),
                _ => segment.Text,
            });
        }
        return text.Append('\n').ToString();
    }

    /// <summary>
    /// The template as an LSP/VS Code snippet: a tab stop on each placeholder (and on "XX" when the context
    /// is unknown), the final cursor at the end, and <c>$</c>, <c>}</c>, <c>\</c> escaped everywhere.
    /// Accepting every default gives exactly <see cref="Render"/>'s text.
    /// </summary>
    public string RenderSnippet(TimeOnly time, int? contextPercent)
    {
        var text = new StringBuilder();
        var tabStop = 0;
        foreach (var segment in _segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Time:
                    text.Append(SnippetText.Escape(FormatTime(time)));
                    break;
                case SegmentKind.Context when contextPercent is null:
                    text.Append(SnippetText.Placeholder(++tabStop, UnknownContext));
                    break;
                case SegmentKind.Context:
                    text.Append(SnippetText.Escape(FormatContext(contextPercent)));
                    break;
                case SegmentKind.Placeholder:
                    text.Append(SnippetText.Placeholder(++tabStop, segment.Text));
                    break;
                default:
                    text.Append(SnippetText.Escape(segment.Text));
                    break;
            }
        }
        return text.Append('\n').Append("$0").ToString();
    }

    private static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string FormatContext(int? contextPercent) =>
        contextPercent?.ToString(CultureInfo.InvariantCulture) ?? UnknownContext;

    private static List<Segment> Split(string definition)
    {
        // Raw string literals keep the source file's line endings; the templates are always "\n".
        definition = definition.Replace("\r\n", "\n");
        var segments = new List<Segment>();
        var at = 0;
        foreach (Match match in Marker.Matches(definition))
        {
            if (match.Index > at) segments.Add(new Segment(SegmentKind.Literal, definition[at..match.Index]));
            var name = match.Groups["name"].Value;
            segments.Add(name switch
            {
                TimeMarker => new Segment(SegmentKind.Time, name),
                ContextMarker => new Segment(SegmentKind.Context, name),
                _ => new Segment(SegmentKind.Placeholder, name),
            });
            at = match.Index + match.Length;
        }
        if (at < definition.Length) segments.Add(new Segment(SegmentKind.Literal, definition[at..]));
        return segments;
    }

    private enum SegmentKind { Literal, Time, Context, Placeholder }

    private sealed record Segment(SegmentKind Kind, string Text);
}
