using System.Globalization;
using System.Text;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// A strict reader of the base protocol for <see cref="LspTestClient"/>: exactly "Content-Length: N" (+ optional
/// Content-Type) then N bytes. Written independently of the server's framing, so that it checks the server's output:
/// anything else is an <see cref="InvalidDataException"/> naming what was wrong.
/// </summary>
internal sealed class StrictFrameReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public async Task<byte[]?> ReadAsync()
    {
        int? length = null;
        while (true)
        {
            string? line = await ReadLineAsync().ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':');
            string name = colon > 0 ? line[..colon] : throw new InvalidDataException($"header line without a name: '{line}'");
            string value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"unexpected header '{line}'");
            }
        }

        if (length is not int count)
        {
            throw new InvalidDataException("a frame without Content-Length");
        }

        var body = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            if (_start == _end && !await FillAsync().ConfigureAwait(false))
            {
                throw new InvalidDataException($"the output ended inside a {count}-byte body");
            }

            int take = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, body, filled, take);
            _start += take;
            filled += take;
        }

        return body;
    }

    private async Task<string?> ReadLineAsync()
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync().ConfigureAwait(false))
            {
                return line.Count == 0 ? null : throw new InvalidDataException("the output ended inside a header");
            }

            byte next = _buffer[_start++];
            if (next == '\n')
            {
                if (line.Count == 0 || line[^1] != '\r')
                {
                    throw new InvalidDataException("a header line not ended by \\r\\n");
                }

                return Encoding.ASCII.GetString(line.ToArray(), 0, line.Count - 1);
            }

            line.Add(next);
            if (line.Count > 1024)
            {
                throw new InvalidDataException($"a header line longer than 1024 bytes: {Encoding.ASCII.GetString(line.ToArray(), 0, 80)}…");
            }
        }
    }

    private async Task<bool> FillAsync()
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer).ConfigureAwait(false);
        return _end > 0;
    }
}
