using System.Buffers;
using System.Security.Cryptography;
using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Snapshots;

/// <summary>The outcome of reading one working file: what its content is and whether the store had to take it.</summary>
internal readonly record struct IngestedContent(string Hash, long Size, long WordCount, bool NewObject);

/// <summary>
/// Reads a working file once: SHA-256, word count and — when the store lacks that content — the object,
/// all from the same bytes. Small files take one read into a pooled buffer; big ones stream through a temp
/// object that is kept or dropped once the hash is known.
/// </summary>
internal sealed class ContentIngest(ObjectStore objects, PackWriter? pack)
{
    private const int WholeFileLimit = 4 << 20;
    private const int ChunkSize = 1 << 20;

    public IngestedContent Ingest(string fullPath, long sizeHint)
    {
        using SafeFileHandle handle = FileSystem.Current.OpenRead(fullPath);
        return sizeHint <= WholeFileLimit ? IngestWhole(handle, sizeHint) : IngestStreaming(handle);
    }

    /// <summary>
    /// A symbolic link's target text as its content (UTF-8, the link never followed); null when the target is not text
    /// this system can give back exactly (.NET decodes a target's bytes as UTF-8, a byte that is not becomes U+FFFD).
    /// </summary>
    /// <exception cref="IOException">It is no longer a link.</exception>
    public IngestedContent? IngestLink(string fullPath)
    {
        string target = LinkTargets.Read(fullPath);
        if (target.Length == 0 || target.Contains('\uFFFD'))
        {
            return null;
        }
        byte[] content = LinkTargets.Encode(target);
        string hash = HashHex(content);
        return new IngestedContent(hash, content.Length, 0, objects.Write(hash, content, pack));
    }

    private IngestedContent IngestWhole(SafeFileHandle handle, long length)
    {
        // One byte of slack detects a file that grew between stat and read; then we stream instead.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length + 1);
        try
        {
            int total = ReadFully(handle, buffer, 0);
            if (total > length)
            {
                return IngestStreaming(handle);
            }
            ReadOnlySpan<byte> content = buffer.AsSpan(0, total);
            string hash = HashHex(content);
            bool written = objects.Write(hash, content, pack);
            return new IngestedContent(hash, total, WordCounter.CountOf(content), written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private IngestedContent IngestStreaming(SafeFileHandle handle)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        string temp = objects.NewTempPath("ingest");
        try
        {
            using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            WordCounter words = default;
            long offset = 0;
            int read = RandomAccess.Read(handle, buffer.AsSpan(0, ChunkSize), 0);
            // The first megabyte decides: content that does not compress there (media, archives) is stored as is.
            ObjectCodec codec = CompressesWell(buffer.AsSpan(0, read)) ? ObjectCodec.Brotli : ObjectCodec.Stored;
            using (FileStream file = new(FileSystem.Current.CreateNew(temp), FileAccess.Write, bufferSize: 0))
            {
                // The compressor leaves the file open: its last bytes must be written before the file is flushed.
                using (Stream output = codec == ObjectCodec.Brotli ? ObjectCompression.Compressing(file, leaveOpen: true) : Stream.Null)
                {
                    Stream destination = codec == ObjectCodec.Brotli ? output : file;
                    while (read > 0)
                    {
                        ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
                        sha.AppendData(chunk);
                        words.Feed(chunk);
                        destination.Write(chunk);
                        offset += read;
                        read = RandomAccess.Read(handle, buffer.AsSpan(0, ChunkSize), offset);
                    }
                }
                FileSystem.Current.WroteStoreFile(file.SafeFileHandle);
            }
            string hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            bool written = objects.Adopt(temp, hash, codec);
            return new IngestedContent(hash, offset, words.Count, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private bool CompressesWell(ReadOnlySpan<byte> sample)
    {
        byte[]? compressed = ObjectCompression.TryCompress(sample, objects.CompressionMinimumLength, out _);
        if (compressed is null)
        {
            return false;
        }
        ArrayPool<byte>.Shared.Return(compressed);
        return true;
    }

    /// <summary>SHA-256 of <paramref name="content"/> as 64 lowercase hex digits.</summary>
    public static string HashHex(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(content, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>SHA-256 of a whole file, streamed; for comparisons where no word count or object is wanted.</summary>
    public static string HashFile(string path)
    {
        using SafeFileHandle handle = FileSystem.Current.OpenRead(path);
        return HashRange(handle, 0, RandomAccess.GetLength(handle));
    }

    /// <summary>SHA-256 of stored content once decoded (a loose object, a seed copy or a slice of a pack).</summary>
    /// <exception cref="InvalidDataException">The stored bytes cannot be decoded.</exception>
    public static string HashStored(ContentLocation location)
    {
        using Stream content = StoredContent.Open(location, out long length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length is >= 0 and < ChunkSize ? (int)length + 1 : ChunkSize);
        try
        {
            int read = StoredContent.ReadFully(content, buffer);
            if (read < buffer.Length)
            {
                return HashHex(buffer.AsSpan(0, read));
            }
            using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (read > 0)
            {
                sha.AppendData(buffer, 0, read);
                read = content.Read(buffer);
            }
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256 of <paramref name="length"/> bytes at <paramref name="offset"/>; a short read counts as different content.</summary>
    public static string HashRange(SafeFileHandle handle, long offset, long length)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length + 1, ChunkSize));
        try
        {
            if (length < buffer.Length)
            {
                int total = 0;
                int read;
                while (total < length && (read = RandomAccess.Read(handle, buffer.AsSpan(total, (int)length - total), offset + total)) > 0)
                {
                    total += read;
                }
                return HashHex(buffer.AsSpan(0, total));
            }
            using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long done = 0;
            while (done < length)
            {
                int want = (int)Math.Min(buffer.Length, length - done);
                int read = RandomAccess.Read(handle, buffer.AsSpan(0, want), offset + done);
                if (read == 0)
                {
                    break;
                }
                sha.AppendData(buffer, 0, read);
                done += read;
            }
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads from <paramref name="offset"/> until the buffer is full or the file ends.</summary>
    public static int ReadFully(SafeFileHandle handle, byte[] buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(total), offset + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
