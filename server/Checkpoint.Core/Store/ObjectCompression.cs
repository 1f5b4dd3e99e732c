using System.Buffers;
using System.IO.Compression;

namespace Checkpoint.Core.Store;

/// <summary>
/// Compression of object contents: Brotli at quality 1, chosen by measurement on the benchmark trees and on
/// this repository's sources (about 0.43–0.53 of the original size at ~1.5× zlib-ng level 1's speed and a
/// better ratio than it; higher qualities cost 2–4× the CPU for a few percent). Content that does not shrink
/// by at least 10 % (images, archives) is kept as is, so restoring it costs no decoding.
/// </summary>
internal static class ObjectCompression
{
    /// <summary>Brotli quality 1: the fast end, where the ratio is most of what the slow qualities reach.</summary>
    public const int Quality = 1;

    /// <summary>Brotli window (log2): 64 KB covers a packed object and keeps encoder set-up cheap.</summary>
    private const int Window = 16;

    /// <summary>Window for streamed (big, loose) objects, where a wider window finds more repeats.</summary>
    private const int StreamWindow = 22;

    /// <summary>True when <paramref name="storedLength"/> is worth decoding for <paramref name="contentLength"/> bytes (saves ≥ 10 %).</summary>
    public static bool Saves(long storedLength, long contentLength) => storedLength * 10 <= contentLength * 9;

    /// <summary>
    /// Compresses <paramref name="content"/> into a pooled buffer when that saves ≥ 10 %; null otherwise (store it
    /// as is). The caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static byte[]? TryCompress(ReadOnlySpan<byte> content, out int written)
    {
        written = 0;
        if (content.Length < 64)
        {
            return null; // nothing to gain below a few dozen bytes
        }
        // Output bigger than 90 % is useless: a destination of that size makes Brotli give up early.
        int limit = (int)((long)content.Length * 9 / 10);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit);
        if (BrotliEncoder.TryCompress(content, buffer.AsSpan(0, limit), out written, Quality, Window) && Saves(written, content.Length))
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
    public static Stream Compressing(Stream output) =>
        new BrotliStream(output, new BrotliCompressionOptions { Quality = Quality }, leaveOpen: false);

    /// <summary>A decoding stream over a whole-file Brotli object (Brotli reports damage as InvalidOperationException).</summary>
    public static Stream Decompressing(Stream stored) => new BrotliStream(stored, CompressionMode.Decompress, leaveOpen: false);
}
