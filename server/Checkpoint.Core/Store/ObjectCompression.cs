using System.Buffers;
using System.IO.Compression;

namespace Checkpoint.Core.Store;

/// <summary>
/// Brotli compression of loose objects (contents over <see cref="PackWriter.PackLimit"/>), one object at a time; packed
/// contents and trees use Zstandard (<see cref="ZstdCompression"/>), whose decoding is 2–4× faster here. Brotli
/// quality 1, chosen by measurement per object on the benchmark trees' text and on this repository's sources:
/// it keeps 0.43 (20 KB files), 0.53 (2 KB files) and 0.52 (sources) of the bytes at ~100 MB/s per core here;
/// zlib-ng (Deflate) level 1 is no faster and keeps 0.60–0.73, level 2 keeps 0.41–0.50 but costs 1.3–2× the CPU
/// (set-up dominates 2 KB objects); Brotli quality 2–5 saves at most another 10 % for 2–5× the CPU. Content that
/// does not shrink by at least 10 % (images, archives) is kept as is, so restoring it costs no decoding, and so
/// is content under <see cref="DefaultMinimumLength"/> (a store's <see cref="ObjectStore.CompressionMinimumLength"/>).
/// </summary>
internal static class ObjectCompression
{
    /// <summary>Brotli quality 1: the fast end, where the ratio is most of what the slow qualities reach.</summary>
    public const int Quality = 1;

    /// <summary>Brotli window (log2) for contents up to 64 KB: covers them whole and keeps encoder set-up cheap.</summary>
    private const int SmallWindow = 16;

    /// <summary>Brotli window (log2) for bigger contents, where a wider window finds more repeats (Brotli's default).</summary>
    private const int LargeWindow = 22;

    /// <summary>
    /// Contents shorter than this are kept as is: a frame's header and the set-up cost more than they save. History:
    /// until Zstandard this was <see cref="PackWriter.PackLimit"/> + 1 (packed contents stored plain), because Brotli
    /// decoding (~150 MB/s per core here) put verify and full restore over their targets
    /// (bench/results/store-compression.md).
    /// </summary>
    public const int DefaultMinimumLength = 64;

    /// <summary>True when <paramref name="storedLength"/> is worth decoding for <paramref name="contentLength"/> bytes (saves ≥ 10 %).</summary>
    public static bool Saves(long storedLength, long contentLength) => storedLength * 10 <= contentLength * 9;

    /// <summary>
    /// Compresses <paramref name="content"/> into a pooled buffer when that saves ≥ 10 %; null otherwise (store it
    /// as is). The caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static byte[]? TryCompress(ReadOnlySpan<byte> content, int minimumLength, out int written)
    {
        written = 0;
        if (content.Length < minimumLength)
        {
            return null;
        }
        // Output bigger than 90 % is useless: a destination of that size makes Brotli give up early.
        int limit = (int)((long)content.Length * 9 / 10);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit);
        int window = content.Length <= 1 << SmallWindow ? SmallWindow : LargeWindow;
        if (BrotliEncoder.TryCompress(content, buffer.AsSpan(0, limit), out written, Quality, window) && Saves(written, content.Length))
        {
            return buffer;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        written = 0;
        return null;
    }

    /// <summary>
    /// Decodes <paramref name="stored"/> into exactly <paramref name="content"/>.Length bytes; false when the
    /// stored bytes are not a Brotli stream of exactly that length (damage, never an exception or a bigger buffer).
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> stored, Span<byte> content)
    {
        if (!BrotliDecoder.TryDecompress(stored, content, out int written) || written != content.Length)
        {
            return false;
        }
        return true;
    }

    /// <summary>A compressing stream over <paramref name="output"/> for a big object.</summary>
    public static Stream Compressing(Stream output, bool leaveOpen = false) =>
        new BrotliStream(output, new BrotliCompressionOptions { Quality = Quality }, leaveOpen);

    /// <summary>A decoding stream over a whole-file Brotli object (Brotli reports damage as InvalidOperationException).</summary>
    public static Stream Decompressing(Stream stored) => new BrotliStream(stored, CompressionMode.Decompress, leaveOpen: false);
}
