using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// Streams blobs out of the private repository through one <c>git cat-file --batch</c>: the ids are written on a
/// background task while the contents are read in the same order, so a pull never holds a whole checkpoint in memory.
/// </summary>
internal sealed class GitBlobReader : IDisposable
{
    private readonly Process _process;
    private readonly Stream _output;
    private readonly Task _writer;
    private readonly Task<string> _errors;
    private readonly byte[] _header = new byte[256];

    public GitBlobReader(GitProcess git, IReadOnlyList<string> blobIds, CancellationToken cancellationToken)
    {
        _process = git.Start(["cat-file", "--batch"], redirectInput: true);
        _output = new BufferedStream(_process.StandardOutput.BaseStream, 1 << 16);
        _errors = _process.StandardError.ReadToEndAsync(CancellationToken.None);
        StreamWriter input = _process.StandardInput;
        _writer = Task.Run(() =>
        {
            try
            {
                foreach (string id in blobIds)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    input.Write(id);
                    input.Write('\n');
                }
                input.Close();
            }
            catch (IOException)
            {
                // cat-file ended early; the reader reports why.
            }
        }, CancellationToken.None);
    }

    /// <summary>The next blob's content (exactly its size, then the stream ends), or null when git does not have it.</summary>
    public Stream? Next(out long size)
    {
        string header = ReadHeaderLine() ?? throw new IOException($"git cat-file ended early: {_errors.Result}");
        // "<id> blob <size>" or "<id> missing"
        string[] parts = header.Split(' ');
        if (parts.Length != 3 || parts[1] != "blob" || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out size))
        {
            size = -1;
            return null;
        }
        return new BlobStream(this, size);
    }

    private string? ReadHeaderLine()
    {
        int length = 0;
        while (true)
        {
            int b = _output.ReadByte();
            if (b < 0)
            {
                return null;
            }
            if (b == '\n')
            {
                return Encoding.ASCII.GetString(_header, 0, length);
            }
            if (length == _header.Length)
            {
                throw new IOException("git cat-file wrote an unexpected header.");
            }
            _header[length++] = (byte)b;
        }
    }

    public void Dispose()
    {
        GitProcess.Kill(_process);
        _process.WaitForExit();
        _writer.Wait();
        _process.Dispose();
    }

    /// <summary>One blob's bytes; disposing it skips what was not read and the newline after it.</summary>
    private sealed class BlobStream(GitBlobReader reader, long length) : Stream
    {
        private readonly long _length = length;
        private long _left = length;
        private bool _done;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_left == 0)
            {
                return 0;
            }
            int read = reader._output.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            if (read == 0)
            {
                throw new IOException("git cat-file ended in the middle of a blob.");
            }
            _left -= read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                _done = true;
                byte[] skip = new byte[1 << 16];
                while (Read(skip) > 0)
                {
                }
                reader._output.ReadByte();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
