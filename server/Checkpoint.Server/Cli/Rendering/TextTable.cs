namespace Checkpoint.Server.Cli.Rendering;

/// <summary>A plain-text table: a header row (left out when every header is empty) and rows, columns padded to their widest cell.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Column headers; a header ending in <c>&gt;</c> is right-aligned (numbers), the marker is not printed.</param>
    public TextTable(params string[] columns)
    {
        _rightAligned = columns.Select(column => column.EndsWith('>')).ToArray();
        _headers = columns.Select(column => column.TrimEnd('>')).ToArray();
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer, string indent = "")
    {
        var widths = _headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var rows = _headers.All(header => header.Length == 0) ? _rows : _rows.Prepend(_headers);
        foreach (var row in rows)
        {
            var cells = row.Select((cell, column) => _rightAligned[column] ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
            writer.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
