using System.Text.RegularExpressions;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// Finds what would hurt a recovery: required fields missing or empty, template placeholders left in,
/// a format that does not match the context band, and files listed under Active Files / FILES that
/// are not in the workspace. An outline-only note gets one diagnostic instead, which says so.
/// </summary>
public sealed partial class NoteDiagnosticsProvider
{
    // "TOOLS.md — what we do with it": the path is what comes before the dash.
    [GeneratedRegex(@"[ \t]+(?:—|–|--|-|:)[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionSeparator { get; }
    [GeneratedRegex(@"[ \t]*\([^()]*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingRemark { get; }
    private const string TooLargeConsequence =
        "The outline lists the entries only; code lenses and the checks of each entry are off until the note is smaller (move old entries to another file).";
    private static readonly string[] NoFiles = ["none", "n/a", "na", "-", "—", "tbd"];

    private readonly string? _workspaceRoot;
    private readonly Func<string, bool> _pathExists;
    private readonly int _maxFullFeatureLength;

    /// <param name="workspaceRoot">The root file paths are relative to; null turns the file check off.</param>
    /// <param name="pathExists">Whether an absolute path exists; defaults to the real file system.</param>
    /// <param name="maxFullFeatureLength">The limit an outline-only note is over (for its message).</param>
    public NoteDiagnosticsProvider(string? workspaceRoot, Func<string, bool>? pathExists = null, int maxFullFeatureLength = NoteLanguageServiceOptions.DefaultMaxFullFeatureLength)
    {
        _workspaceRoot = workspaceRoot;
        _pathExists = pathExists ?? (path => File.Exists(path) || Directory.Exists(path));
        _maxFullFeatureLength = maxFullFeatureLength;
    }

    /// <summary>The diagnostics of <paramref name="document"/>, entry by entry in source order.</summary>
    public IReadOnlyList<NoteDiagnostic> Provide(NoteDocument document, CancellationToken cancellationToken)
    {
        if (document.IsOutlineOnly) return [TooLarge(document)];
        var diagnostics = new List<NoteDiagnostic>();
        for (var i = 0; i < document.Entries.Count; i++)
        {
            if ((i & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            var entry = document.Entries[i];
            CheckHeading(entry, diagnostics);
            CheckRequiredFields(entry, diagnostics);
            CheckPlaceholders(document, entry, diagnostics);
            CheckFiles(entry, diagnostics);
        }
        return diagnostics;
    }

    private NoteDiagnostic TooLarge(NoteDocument document)
    {
        var lines = document.Lines;
        return new NoteDiagnostic(
            NoteDiagnosticSeverity.Information,
            lines.Range(lines.ContentStart(0), lines.End(0)),
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Note too large for full features: {Megabytes(document.Text.Length):0.0} MB > {Megabytes(_maxFullFeatureLength):0.##} MB limit. {TooLargeConsequence}"),
            NoteDiagnosticCodes.NoteTooLarge);

        static double Megabytes(int characters) => characters / (1024.0 * 1024.0);
    }

    private static void CheckHeading(NoteEntry entry, List<NoteDiagnostic> diagnostics)
    {
        if (entry.TimeRange is { } timeRange && entry.Time is null && !entry.HeadingText.Contains("HH:MM", StringComparison.Ordinal))
        {
            diagnostics.Add(new(NoteDiagnosticSeverity.Warning, timeRange, "Time must be HH:MM on a 24-hour clock", NoteDiagnosticCodes.InvalidHeading));
        }
        if (entry.ContextPercent is not { } percent || entry.ContextRange is not { } contextRange) return;
        if (percent > 100)
        {
            diagnostics.Add(new(NoteDiagnosticSeverity.Warning, contextRange, "Context must be a percentage from 0 to 100", NoteDiagnosticCodes.InvalidHeading));
            return;
        }
        if (entry.Format == NoteFormat.PreOperation) return; // taken before risky work, at any context
        if (ContextThresholds.ExpectedFormat(percent) is { } expected && expected != entry.Format)
        {
            diagnostics.Add(new(
                NoteDiagnosticSeverity.Hint,
                contextRange,
                $"{NoteFormatNames.DisplayName(expected)} format expected at {ContextThresholds.BandText(expected)}",
                NoteDiagnosticCodes.FormatThreshold));
        }
    }

    private static void CheckRequiredFields(NoteEntry entry, List<NoteDiagnostic> diagnostics)
    {
        var formatName = NoteTemplates.For(entry.Format).Label;
        foreach (var label in RequiredFields.For(entry.Format))
        {
            var field = entry.Field(label);
            if (field is null)
            {
                diagnostics.Add(new(NoteDiagnosticSeverity.Warning, entry.HeadingRange, $"{formatName} is missing **{label}:**", NoteDiagnosticCodes.MissingField));
            }
            else if (field.Value.Length == 0)
            {
                diagnostics.Add(new(NoteDiagnosticSeverity.Warning, field.Range, $"**{field.Label}:** is empty", NoteDiagnosticCodes.MissingField));
            }
        }
        foreach (var name in RequiredFields.SectionsFor(entry.Format))
        {
            var section = entry.Section(name);
            if (section is null)
            {
                diagnostics.Add(new(NoteDiagnosticSeverity.Warning, entry.HeadingRange, $"{formatName} is missing the section \"### {name}\"", NoteDiagnosticCodes.MissingField));
            }
            else if (section.Is(NoteLabels.ResumeInstructionsSection) && section.Items.Count == 0)
            {
                diagnostics.Add(new(NoteDiagnosticSeverity.Warning, section.HeadingRange, "Resume Instructions need a numbered list of steps", NoteDiagnosticCodes.MissingField));
            }
            else if (section.Is(NoteLabels.ResumeInstructionsSection) && !section.ItemsAreNumbered)
            {
                diagnostics.Add(new(NoteDiagnosticSeverity.Hint, section.HeadingRange, "Number the Resume Instructions (1., 2., 3.) so a recovery can say where it stopped", NoteDiagnosticCodes.UnnumberedInstructions));
            }
        }
        if (entry.Format == NoteFormat.QuickNote && entry.Body.Length == 0)
        {
            diagnostics.Add(new(NoteDiagnosticSeverity.Warning, entry.HeadingRange, "Quick note has no text", NoteDiagnosticCodes.MissingField));
        }
    }

    private static void CheckPlaceholders(NoteDocument document, NoteEntry entry, List<NoteDiagnostic> diagnostics)
    {
        var lines = document.Lines;
        var start = lines.Start(entry.Range.Start.Line) + entry.Range.Start.Character;
        var end = lines.Start(entry.Range.End.Line) + entry.Range.End.Character;
        var text = document.Text;
        List<(int Start, int End)>? found = null;

        // Longest placeholders first, so "[One line - where we are]" is reported once, not also as a shorter hint inside it.
        foreach (var placeholder in NoteTemplates.AllPlaceholders)
        {
            var at = start;
            while (at < end)
            {
                var index = text.IndexOf(placeholder, at, end - at, StringComparison.Ordinal);
                if (index < 0) break;
                var hit = (Start: index, End: index + placeholder.Length);
                at = hit.End;
                found ??= [];
                if (found.Any(f => f.Start < hit.End && hit.Start < f.End)) continue;
                found.Add(hit);
                diagnostics.Add(new(
                    NoteDiagnosticSeverity.Warning,
                    lines.Range(hit.Start, hit.End),
                    $"Still the template placeholder {placeholder}",
                    NoteDiagnosticCodes.Placeholder));
            }
        }
    }

    private void CheckFiles(NoteEntry entry, List<NoteDiagnostic> diagnostics)
    {
        if (_workspaceRoot is null) return;
        foreach (var field in entry.Fields)
        {
            if (field.Is(NoteLabels.ActiveFiles))
            {
                foreach (var item in field.Items)
                {
                    var path = DescriptionSeparator.Match(item.Text) is { Success: true } separator ? item.Text[..separator.Index] : item.Text;
                    CheckPath(path, item.Range.Start, diagnostics);
                }
            }
            else if (field.Is(NoteLabels.Files) && field.ValueRange.Start.Line == field.ValueRange.End.Line)
            {
                var at = 0;
                foreach (var part in field.Value.Split(','))
                {
                    CheckPath(part, field.ValueRange.Start with { Character = field.ValueRange.Start.Character + at }, diagnostics);
                    at += part.Length + 1;
                }
            }
        }
    }

    /// <param name="candidate">The text that should name a path (may carry spaces, backticks, a remark).</param>
    /// <param name="candidateStart">Where <paramref name="candidate"/> starts in the document (one line).</param>
    private void CheckPath(string candidate, TextPosition candidateStart, List<NoteDiagnostic> diagnostics)
    {
        var path = TrailingRemark.Replace(candidate.TrimEnd(), "");
        var offset = 0;
        while (offset < path.Length && IsDecoration(path[offset])) offset++;
        path = path[offset..].TrimEnd('`', '*', ' ', '\t');
        if (!LooksLikePath(path)) return;
        var full = Path.IsPathRooted(path) ? path : Path.Combine(_workspaceRoot!, path);
        if (_pathExists(full)) return;
        var start = candidateStart with { Character = candidateStart.Character + offset };
        diagnostics.Add(new(
            NoteDiagnosticSeverity.Warning,
            new TextRange(start, start with { Character = start.Character + path.Length }),
            $"File not found in the workspace: {path}",
            NoteDiagnosticCodes.MissingFile));
    }

    // People decorate list items ("✅ a.md", "`b.md`", "**c.md**"); the path starts after that.
    private static bool IsDecoration(char c) =>
        char.IsWhiteSpace(c) || char.IsSurrogate(c) || c is '`' or '*' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;

    // Prose ("all scripts"), placeholders ("[file1.ext]"), globs and "None" are not checked:
    // a wrong warning on them would teach people to ignore the real ones.
    private static bool LooksLikePath(string path) =>
        path.Length > 0
        && !NoFiles.Contains(path, StringComparer.OrdinalIgnoreCase)
        && path.AsSpan().IndexOfAny(" \t[]*?<>|\"") < 0;
}
