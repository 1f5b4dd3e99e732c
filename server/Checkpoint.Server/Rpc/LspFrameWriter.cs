using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// Writes base-protocol frames. Writers on many threads share it; one frame is written and flushed
/// completely before the next begins, so frames never interleave.
/// </summary>
internal sealed class LspFrameWriter(PipeWriter output) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Frames and writes one JSON body.</summary>
    /// <exception cref="IOException">The output is closed (the client went away).</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        string header = string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Encoding.ASCII.GetBytes(header, output);
            output.Write(body.Span);
            FlushResult flushed = await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (flushed.IsCompleted)
            {
                throw new IOException("The output stream is closed.");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
