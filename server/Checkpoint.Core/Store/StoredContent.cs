using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// Reads an object back as the bytes that were saved, whatever its codec: a slice of a pack or a whole file
/// as is, a packed Zstandard or Brotli entry decoded in one bounded step (its length comes from the index and may not
/// exceed <see cref="PackWriter.PackLimit"/>, or <see cref="FolderTree.MaximumLength"/> in a tree pack), a loose Brotli
/// object streamed. Damage that makes the bytes undecodable surfaces as <see cref="InvalidDataException"/>, a pack's
/// dictionary that is gone as <see cref="FileNotFoundException"/>; a short or long object simply reads as
/// different content, which the caller's hash check reports.
/// </summary>
internal static class StoredContent
{
    /// <summary>Opens the content at <paramref name="location"/>; <paramref name="length"/> is its decoded length, or −1 when only reading to the end tells.</summary>
    /// <exception cref="FileNotFoundException">The object (or the pack holding it) is gone.</exception>
    /// <exception cref="InvalidDataException">The stored bytes cannot be decoded.</exception>
    public static Stream Open(ContentLocation location, out long length)
    {
        if (location.Codec == ObjectCodec.Stored)
        {
            SafeFileHandle handle = FileSystem.Current.OpenRead(location.Path);
            try
            {
                long fileLength = RandomAccess.GetLength(handle);
                if (!location.IsWholeFile)
                {
                    RequireInsidePack(location, fileLength);
                    if (location.ContentLength >= 0 && location.ContentLength != location.Length)
                    {
                        // Stored as is, the content is the slice: lengths that differ mean the entry is not what was written.
                        throw new InvalidDataException($"corrupt pack index entry (stored {location.Length} B, content {location.ContentLength} B, not compressed)");
                    }
                }
                long stored = location.IsWholeFile ? fileLength : location.Length;
                length = stored;
                return new SliceStream(handle, location.Offset, stored);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
        if (location.Codec is not (ObjectCodec.Brotli or ObjectCodec.Zstd or ObjectCodec.ZstdDictionary))
        {
            throw new InvalidDataException($"unknown object codec {(byte)location.Codec}");
        }
        if (location.IsWholeFile)
        {
            if (location.Codec != ObjectCodec.Brotli)
            {
                throw new InvalidDataException($"object codec {(byte)location.Codec} is only used in packs");
            }
            length = -1;
            return new DecodingStream(ObjectCompression.Decompressing(new FileStream(FileSystem.Current.OpenRead(location.Path), FileAccess.Read, bufferSize: 1 << 16)));
        }
        length = location.ContentLength;
        return DecodePacked(location);
    }

    private static PooledContentStream DecodePacked(ContentLocation location)
    {
        // The index is trusted for nothing: a length beyond what a pack may hold is damage, not an allocation.
        int limit = EntryLimit(location.Path);
        if (location.Length is < 0 || location.Length > limit || location.ContentLength is < 0 || location.ContentLength > limit)
        {
            throw new InvalidDataException($"corrupt pack index entry (stored {location.Length} B, content {location.ContentLength} B)");
        }
        PackDictionary? dictionary = null;
        if (location.Codec == ObjectCodec.ZstdDictionary)
        {
            dictionary = location.Dictionary ?? throw new InvalidDataException("corrupt pack index: a dictionary-compressed entry in a pack that names no dictionary");
            // Read (and checked against its name) before the entry: a missing or damaged dictionary is reported as such.
            _ = dictionary.Bytes;
        }
        using SafeFileHandle handle = FileSystem.Current.OpenRead(location.Path);
        RequireInsidePack(location, RandomAccess.GetLength(handle));
        byte[] stored = ArrayPool<byte>.Shared.Rent((int)location.Length);
        byte[] content = ArrayPool<byte>.Shared.Rent((int)location.ContentLength);
        try
        {
            int read = ReadFully(handle, stored.AsSpan(0, (int)location.Length), location.Offset);
            if (read != location.Length)
            {
                throw new InvalidDataException("compressed object cut short (truncated pack)");
            }
            ReadOnlySpan<byte> frame = stored.AsSpan(0, (int)location.Length);
            Span<byte> decoded = content.AsSpan(0, (int)location.ContentLength);
            bool ok = location.Codec == ObjectCodec.Brotli ? ObjectCompression.TryDecompress(frame, decoded) : ZstdCompression.TryDecompress(frame, decoded, dictionary);
            if (!ok)
            {
                throw new InvalidDataException(dictionary is null ? "corrupt compressed object" : $"corrupt compressed object (or not compressed with dictionary {dictionary.Hash[..12]}…)");
            }
            ArrayPool<byte>.Shared.Return(stored);
            return new PooledContentStream(content, (int)location.ContentLength);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(stored);
            ArrayPool<byte>.Shared.Return(content);
            throw;
        }
    }

    /// <summary>The biggest entry a pack may hold: a content pack's objects are at most <see cref="PackWriter.PackLimit"/>, a tree can be bigger.</summary>
    private static int EntryLimit(string packPath) =>
        Path.GetFileName(packPath.AsSpan()).StartsWith(TreeStore.PackPrefix + "-", StringComparison.Ordinal) ? FolderTree.MaximumLength : PackWriter.PackLimit;

    /// <summary>
    /// Whether a Zstandard pack entry of a v3 index is as the save wrote it, without decoding: the XxHash3 of its stored
    /// bytes is the recorded one and its frame header declares the index's content length and dictionary
    /// <paramref name="dictionaryId"/> (0: none). The default verify proves compressed entries this way.
    /// </summary>
    /// <exception cref="FileNotFoundException">The pack is gone.</exception>
    /// <exception cref="InvalidDataException">The entry lies outside its pack or its lengths are impossible.</exception>
    public static bool ChecksummedEntryIsSound(ContentLocation location, uint dictionaryId)
    {
        int limit = EntryLimit(location.Path);
        if (location.IsWholeFile || !location.HasChecksum || location.Length > limit || location.ContentLength is < 0 || location.ContentLength > limit)
        {
            throw new InvalidDataException($"corrupt pack index entry (stored {location.Length} B, content {location.ContentLength} B)");
        }
        using SafeFileHandle handle = FileSystem.Current.OpenRead(location.Path);
        RequireInsidePack(location, RandomAccess.GetLength(handle));
        byte[] stored = ArrayPool<byte>.Shared.Rent((int)location.Length);
        try
        {
            int read = ReadFully(handle, stored.AsSpan(0, (int)location.Length), location.Offset);
            ReadOnlySpan<byte> bytes = stored.AsSpan(0, read);
            return read == location.Length && PackIndex.Checksum(bytes) == location.Checksum && ZstdCompression.FrameFits(bytes, location.ContentLength, dictionaryId);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>
    /// A pack entry's slice must lie within the pack: a damaged index (a negative offset, a length past the end) is
    /// damage to report, never an offset handed to a read (which throws outside the I/O errors callers handle).
    /// </summary>
    private static void RequireInsidePack(ContentLocation location, long packLength)
    {
        if (location.Offset < 0 || location.Length < 0 || location.Offset > packLength - location.Length)
        {
            throw new InvalidDataException(
                $"corrupt pack index entry: {location.Length} B at offset {location.Offset} is outside the {packLength} B pack");
        }
    }

    /// <summary>Reads from <paramref name="offset"/> until <paramref name="into"/> is full or the file ends.</summary>
    public static int ReadFully(SafeFileHandle handle, Span<byte> into, long offset)
    {
        int total = 0, read;
        while (total < into.Length && (read = RandomAccess.Read(handle, into[total..], offset + total)) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>Reads from <paramref name="content"/> until <paramref name="into"/> is full or the content ends.</summary>
    public static int ReadFully(Stream content, Span<byte> into)
    {
        int total = 0, read;
        while (total < into.Length && (read = content.Read(into[total..])) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>A byte range of a file, read with pread (no shared file position).</summary>
    private sealed class SliceStream(SafeFileHandle handle, long start, long length) : ReadOnlyContentStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            int want = (int)Math.Min(buffer.Length, length - _position);
            if (want <= 0)
            {
                return 0;
            }
            int read = RandomAccess.Read(handle, buffer[..want], start + _position);
            _position += read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                handle.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Decoded content in a pooled buffer, returned to the pool on dispose.</summary>
    private sealed class PooledContentStream(byte[] buffer, int length) : ReadOnlyContentStream
    {
        private byte[]? _buffer = buffer;
        private int _position;

        public override int Read(Span<byte> into)
        {
            byte[] source = _buffer ?? throw new ObjectDisposedException(nameof(PooledContentStream));
            int count = Math.Min(into.Length, length - _position);
            source.AsSpan(_position, count).CopyTo(into);
            _position += count;
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer is { } pooled)
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(pooled);
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>A streamed loose object; the decoder's own complaints become "this object is corrupt".</summary>
    private sealed class DecodingStream(Stream decoder) : ReadOnlyContentStream
    {
        public override int Read(Span<byte> buffer)
        {
            try
            {
                return decoder.Read(buffer);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidDataException($"corrupt compressed object: {e.Message}", e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decoder.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>The read-only, forward-only stream shape shared by the readers above.</summary>
    private abstract class ReadOnlyContentStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public abstract override int Read(Span<byte> buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
