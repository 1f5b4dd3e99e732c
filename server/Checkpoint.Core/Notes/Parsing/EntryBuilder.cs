using System.Text.RegularExpressions;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Store;
using Markdig.Syntax;

namespace Checkpoint.Core.Notes.Parsing;

/// <summary>
/// Turns one entry heading and the top-level Markdig blocks up to the next entry heading into a
/// <see cref="NoteEntry"/>. Markdig decides the block structure (so a heading inside a code fence is
/// not a heading); fields, list items and markers are read from the exact source lines.
/// A builder collects state while it walks the blocks, so each entry gets its own.
/// </summary>
internal sealed partial class EntryBuilder
{
    [GeneratedRegex(@"[ \t]*(?:(?:←|<-{1,2}|⟵)[ \t]*WE[ \t]+ARE[ \t]+HERE\b.*|\([ \t]*CURRENT[ \t]+TASK[ \t]*\))[ \t]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrentMarker { get; }

    private readonly LineMap _lines;
    private readonly int _markdownOffset;
    private readonly List<FieldBuilder> _fields = [];
    private readonly List<SectionBuilder> _sections = [];
    private readonly List<(IReadOnlyList<NoteListItem> Items, int FirstLine, int LastLine)> _lists = [];
    private SectionBuilder? _section;
    private FieldBuilder? _openField;

    /// <param name="lines">The document's lines.</param>
    /// <param name="markdownOffset">How far Markdig's offsets are shifted from the document's (1 when a BOM was cut off).</param>
    public EntryBuilder(LineMap lines, int markdownOffset)
    {
        _lines = lines;
        _markdownOffset = markdownOffset;
    }

    public NoteEntry Build(EntryHeading heading, IReadOnlyList<Block> blocks, int nextEntryLine)
    {
        var lastLine = _lines.LastNonBlankLine(heading.LineNumber, nextEntryLine);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock sub:
                    StartSection(sub.Line);
                    break;
                case ParagraphBlock paragraph:
                    ReadParagraph(paragraph.Line, LastLineOf(paragraph));
                    break;
                case ListBlock list:
                    ReadList(list);
                    break;
                default:
                    _openField = null;
                    if (_section is not null) _section.BlocksAfterHeading++;
                    break;
            }
        }
        CloseSection(lastLine + 1);

        var fields = _fields.Select(f => f.Build(_lines)).ToList();
        var sections = _sections.Select(s => s.Build()).ToList();
        var headingRange = _lines.RangeInLine(heading.LineNumber, heading.Line.MarkStart, heading.Line.TextEnd);
        var body = heading.Format == NoteFormat.QuickNote ? ReadBody(heading.LineNumber + 1, lastLine) : default;

        return new NoteEntry
        {
            Format = heading.Format,
            HeadingLevel = heading.Line.Level,
            HeadingText = _lines.Text[heading.Line.TextStart..heading.Line.TextEnd],
            HeadingRange = headingRange,
            Range = new TextRange(headingRange.Start, _lines.PositionIn(lastLine, _lines.TrimmedEnd(lastLine))),
            Time = heading.Time,
            TimeRange = heading.TimeSpan is { } t ? _lines.RangeInLine(heading.LineNumber, t.Start, t.End) : null,
            ContextPercent = heading.ContextPercent,
            ContextRange = heading.ContextSpan is { } c ? _lines.RangeInLine(heading.LineNumber, c.Start, c.End) : null,
            Fields = fields,
            Sections = sections,
            Progress = FindChecklist(fields),
            ResumeInstructions = FindResumeInstructions(fields, sections),
            Snapshot = FindSnapshot(fields),
            Body = body.Text ?? "",
            BodyRange = body.Range,
        };
    }

    private void StartSection(int line)
    {
        _openField = null;
        CloseSection(line);
        if (!AtxHeadingLine.TryRead(_lines, line, out var atx)) return; // a setext heading: not a template section
        _section = new SectionBuilder(
            _lines.Text[atx.TextStart..atx.TextEnd],
            atx.Level,
            _lines.RangeInLine(line, atx.MarkStart, atx.TextEnd),
            _lines.RangeInLine(line, atx.TextStart, atx.TextEnd));
        _sections.Add(_section);
    }

    private void CloseSection(int nextLine)
    {
        if (_section is null) return;
        var start = _section.HeadingRange.Start.Line;
        var last = _lines.LastNonBlankLine(start, nextLine);
        _section.End = _lines.PositionIn(last, _lines.TrimmedEnd(last));
        _section = null;
    }

    private void ReadParagraph(int firstLine, int lastLine)
    {
        if (_section is not null) _section.BlocksAfterHeading++;
        for (var line = firstLine; line <= lastLine && line < _lines.Count; line++)
        {
            if (FieldLine.TryRead(_lines, line, out var fieldLine))
            {
                _openField = new FieldBuilder(line, fieldLine, _section?.Name);
                _fields.Add(_openField);
                continue;
            }
            if (_lines.IsBlank(line)) continue;

            // A line that continues a field's paragraph, or the paragraph right after a label that
            // stands alone ("**Human's Goals:**" then the text), is that field's value.
            if (_openField is not null && (line > firstLine || !_openField.HasValue))
            {
                _openField.ExtendValue(_lines, line);
            }
            else
            {
                _openField = null;
            }
        }
    }

    private void ReadList(ListBlock list)
    {
        var items = new List<NoteListItem>();
        foreach (var child in list)
        {
            if (child is not ListItemBlock item || !ListItemLine.TryRead(_lines, item.Line, out var itemLine)) continue;
            items.Add(new NoteListItem(
                _lines.Text[itemLine.TextStart..itemLine.TextEnd],
                _lines.RangeInLine(item.Line, itemLine.TextStart, itemLine.TextEnd),
                itemLine.Checked,
                _lines.RangeInLine(item.Line, itemLine.MarkerStart, _lines.TrimmedEnd(item.Line))));
        }
        var firstLine = list.Line;
        var lastLine = _lines.LastNonBlankLine(firstLine, LastLineOf(list) + 1);
        _lists.Add((items, firstLine, lastLine));

        if (_openField is { HasValue: false } owner)
        {
            owner.AdoptList(_lines, items, firstLine, lastLine);
        }
        else if (_section is { BlocksAfterHeading: 0 } section)
        {
            section.Items = items;
            section.ItemsAreNumbered = list.IsOrdered;
        }
        if (_section is not null) _section.BlocksAfterHeading++;
        _openField = null;
    }

    // Markdig empties a paragraph's Lines once its inlines are parsed, so the span gives the last line.
    private int LastLineOf(Block block) => Math.Max(block.Line, _lines.PositionAt(block.Span.End + _markdownOffset).Line);

    private (string? Text, TextRange? Range) ReadBody(int firstLine, int lastLine)
    {
        var first = firstLine;
        while (first <= lastLine && first < _lines.Count && _lines.IsBlank(first)) first++;
        if (first > lastLine || first >= _lines.Count) return (null, null);
        var start = _lines.ContentStart(first);
        while (char.IsWhiteSpace(_lines.Text[start])) start++;
        var end = _lines.TrimmedEnd(lastLine);
        return (_lines.Text[start..end], _lines.Range(start, end));
    }

    private ProgressChecklist? FindChecklist(IReadOnlyList<NoteField> fields)
    {
        // The template's "**Progress:**" list; failing that, the first task list of the entry.
        var progress = fields.FirstOrDefault(f => f.Is(NoteLabels.Progress) && f.Items.Any(i => i.Checked is not null));
        IReadOnlyList<NoteListItem>? items = progress?.Items;
        TextRange? range = progress?.ValueRange;
        if (items is null)
        {
            foreach (var list in _lists)
            {
                if (!list.Items.Any(i => i.Checked is not null)) continue;
                items = list.Items;
                range = _lines.Range(_lines.ContentStart(list.FirstLine), _lines.TrimmedEnd(list.LastLine));
                break;
            }
        }
        if (items is null || range is null) return null;

        var steps = new List<ProgressItem>();
        foreach (var item in items)
        {
            if (item.Checked is not { } done) continue;
            var marker = CurrentMarker.Match(item.Text);
            var text = marker.Success ? item.Text.Remove(marker.Index, marker.Length).Trim() : item.Text;
            steps.Add(new ProgressItem(text, done, marker.Success, item.Range));
        }
        return new ProgressChecklist(steps, range.Value);
    }

    private static IReadOnlyList<NoteListItem> FindResumeInstructions(IReadOnlyList<NoteField> fields, IReadOnlyList<NoteSection> sections)
    {
        var section = sections.FirstOrDefault(s => s.Is(NoteLabels.ResumeInstructionsSection) && s.Items.Count > 0);
        if (section is not null) return section.Items;
        return fields.FirstOrDefault(f => f.Is(NoteLabels.ResumeInstructionsSection))?.Items ?? [];
    }

    private SnapshotLink? FindSnapshot(IReadOnlyList<NoteField> fields)
    {
        var field = fields.LastOrDefault(f => f.Is(NoteLabels.Snapshot) && f.Value.Length > 0);
        if (field is null) return null;
        // People paste the id as `code`: the id is what is left inside the backticks.
        var value = field.Value;
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] == '`') start++;
        while (end > start && value[end - 1] == '`') end--;
        var id = value[start..end].Trim();
        // One rule for checkpoint ids, the store's: a name may itself contain underscores.
        if (!CheckpointNames.TryParseId(id, out var name, out var timestamp)) return null;
        var idStart = _lines.Text.IndexOf(id, OffsetOf(field.ValueRange.Start), StringComparison.Ordinal);
        return new SnapshotLink(
            id,
            name,
            timestamp,
            _lines.Range(idStart, idStart + id.Length),
            field.Range);
    }

    private int OffsetOf(TextPosition position) => _lines.Start(position.Line) + position.Character;

    /// <summary>A field while its value is still being collected.</summary>
    private sealed class FieldBuilder(int line, FieldLine field, string? section)
    {
        private int _valueStart = field.HasValue ? field.ValueStart : -1;
        private int _valueEnd = field.HasValue ? field.ValueEnd : -1;
        private IReadOnlyList<NoteListItem> _items = [];

        public bool HasValue => _valueStart >= 0;

        public void ExtendValue(LineMap lines, int valueLine)
        {
            var start = lines.ContentStart(valueLine);
            while (char.IsWhiteSpace(lines.Text[start])) start++;
            if (_valueStart < 0) _valueStart = start;
            _valueEnd = lines.TrimmedEnd(valueLine);
        }

        public void AdoptList(LineMap lines, IReadOnlyList<NoteListItem> items, int firstLine, int lastLine)
        {
            _items = items;
            var start = lines.ContentStart(firstLine);
            while (char.IsWhiteSpace(lines.Text[start])) start++;
            _valueStart = start;
            _valueEnd = lines.TrimmedEnd(lastLine);
        }

        public NoteField Build(LineMap lines)
        {
            var valueRange = HasValue
                ? lines.Range(_valueStart, _valueEnd)
                : lines.RangeInLine(line, field.AfterLabel, field.AfterLabel);
            return new NoteField
            {
                Label = lines.Text[field.LabelStart..field.LabelEnd],
                Value = HasValue ? lines.Text[_valueStart.._valueEnd] : "",
                LabelRange = lines.RangeInLine(line, field.LabelStart, field.LabelEnd),
                ValueRange = valueRange,
                Range = new TextRange(lines.PositionIn(line, field.Start), HasValue ? valueRange.End : lines.PositionIn(line, lines.TrimmedEnd(line))),
                Section = section,
                Items = _items,
            };
        }
    }

    /// <summary>A section while its end is not known yet.</summary>
    private sealed class SectionBuilder(string name, int level, TextRange headingRange, TextRange nameRange)
    {
        public string Name => name;
        public TextRange HeadingRange => headingRange;
        public int BlocksAfterHeading { get; set; }
        public IReadOnlyList<NoteListItem> Items { get; set; } = [];
        public bool ItemsAreNumbered { get; set; }
        public TextPosition End { get; set; }

        public NoteSection Build() => new()
        {
            Name = name,
            Level = level,
            HeadingRange = headingRange,
            NameRange = nameRange,
            Range = new TextRange(headingRange.Start, End),
            Items = Items,
            ItemsAreNumbered = ItemsAreNumbered,
        };
    }
}
