using System.Text.RegularExpressions;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>
/// Offers the five templates at the start of a line — nothing typed yet, only spaces, or a heading being
/// typed (<c>##</c>, <c>## Chec</c>) — with the current HH:MM filled in and tab stops on every placeholder.
/// </summary>
public sealed partial class NoteCompletionProvider
{
    [GeneratedRegex(@"^(?<indent>[ \t]*)(?<typed>#{1,6}[ \t]*[\p{L}\p{Nd}\- ]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LineStart { get; }

    private readonly TimeProvider _clock;

    /// <param name="clock">Where "now" comes from (the local time of day fills HH:MM).</param>
    public NoteCompletionProvider(TimeProvider clock) => _clock = clock;

    /// <summary>The templates, or nothing when <paramref name="position"/> is not at the start of a line.</summary>
    public IReadOnlyList<NoteCompletionItem> Provide(NoteDocument document, TextPosition position, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lines = document.Lines;
        if (position.Line < 0 || position.Line >= lines.Count) return [];
        var lineStart = lines.ContentStart(position.Line);
        var cursor = lines.Start(position.Line) + position.Character;
        if (cursor < lineStart || cursor > lines.End(position.Line)) return [];

        var match = LineStart.Match(document.Text, lineStart, cursor - lineStart);
        if (!match.Success) return [];
        var replaceStart = match.Groups["typed"].Success ? match.Groups["typed"].Index : cursor;
        var replace = lines.Range(replaceStart, cursor);

        var time = TimeOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        var items = new List<NoteCompletionItem>(NoteTemplates.All.Count);
        foreach (var template in NoteTemplates.All)
        {
            var text = template.Render(time, null);
            var heading = text[..text.IndexOf('\n')];
            var band = ContextThresholds.BandText(template.Format) is { } b ? $"context {b}" : "before a risky operation";
            items.Add(new NoteCompletionItem(
                template.Label,
                $"{heading}  ({band})",
                $"```markdown\n{text}```",
                template.RenderSnippet(time, null),
                replace,
                template.HeadingPrefix,
                $"{(int)template.Format}",
                template.Format));
        }
        return items;
    }
}
