using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// Reads base-protocol frames (<c>Content-Length: N\r\n\r\n</c> + N bytes) from a pipe, tolerating
/// any split of the bytes across reads and recovering from malformed input instead of giving up.
/// </summary>
internal sealed class LspFrameReader(PipeReader input)
{
    /// <summary>A header block longer than this is junk; real ones are under 100 bytes.</summary>
    internal const int MaxHeaderBytes = 16 * 1024;

    /// <summary>Bodies above this are skipped rather than buffered.</summary>
    internal const int MaxBodyBytes = 256 * 1024 * 1024;

    private static ReadOnlySpan<byte> HeaderTerminator => "\r\n\r\n"u8;

    // After a frame without a usable Content-Length its body is still in the stream; the junk it
    // leaves before the next header has already been answered once and is not reported again.
    private bool _recovering;

    /// <summary>Reads the next frame; null at the end of the input (a partial frame at the end is dropped).</summary>
    public async ValueTask<LspFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            (string? headerText, bool endOfInput) = await ReadHeaderTextAsync(cancellationToken).ConfigureAwait(false);
            if (endOfInput)
            {
                return null;
            }

            if (headerText is null)
            {
                bool alreadyReported = _recovering;
                _recovering = true;
                if (alreadyReported)
                {
                    continue;
                }

                return new LspFrame(null, $"No message header within {MaxHeaderBytes} bytes");
            }

            LspHeaderBlock header = LspHeaderBlock.Parse(headerText);
            string? junkProblem = header.HadJunk && !_recovering ? header.Problem ?? "Unreadable bytes before a message header" : null;

            if (header.ContentLength is not int length)
            {
                bool alreadyReported = _recovering;
                _recovering = true;
                if (alreadyReported)
                {
                    continue;
                }

                return new LspFrame(null, header.Problem);
            }

            _recovering = false;
            if (length > MaxBodyBytes)
            {
                if (!await SkipAsync(length, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return new LspFrame(null, $"Content-Length {length} exceeds the limit of {MaxBodyBytes} bytes");
            }

            byte[]? body = await ReadBodyAsync(length, cancellationToken).ConfigureAwait(false);
            return body is null ? null : new LspFrame(body, junkProblem);
        }
    }

    /// <summary>The header text; null text without end of input means junk too long to be a header (dropped).</summary>
    private async ValueTask<(string? Text, bool EndOfInput)> ReadHeaderTextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> header, HeaderTerminator, advancePastDelimiter: true))
            {
                // Headers are ASCII; Latin-1 maps every byte to one char so junk still decodes.
                string text = Encoding.Latin1.GetString(header);
                input.AdvanceTo(reader.Position);
                return (text, false);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.End);
                return (null, true);
            }

            if (buffer.Length > MaxHeaderBytes)
            {
                // Keep a tail: it may hold the start of the next real header.
                input.AdvanceTo(buffer.GetPosition(buffer.Length - 64), buffer.End);
                return (null, false);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // Copies the body out as it arrives rather than waiting for all of it to be buffered, so a
    // bounded pipe (one that pauses its writer) cannot deadlock on a large message.
    private async ValueTask<byte[]?> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        int filled = 0;
        while (filled < length)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            int take = (int)Math.Min(buffer.Length, length - filled);
            buffer.Slice(0, take).CopyTo(body.AsSpan(filled));
            filled += take;
            input.AdvanceTo(buffer.GetPosition(take));
            if (filled < length && (result.IsCompleted || result.IsCanceled))
            {
                return null;
            }
        }

        return body;
    }

    private async ValueTask<bool> SkipAsync(long length, CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (skipped < length)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            long take = Math.Min(result.Buffer.Length, length - skipped);
            skipped += take;
            input.AdvanceTo(result.Buffer.GetPosition(take));
            if (skipped < length && (result.IsCompleted || result.IsCanceled))
            {
                return false;
            }
        }

        return true;
    }
}
