using System.Buffers;
using System.Collections.Concurrent;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Checkpoint.Core.Store;

/// <summary>
/// Zstandard for packed objects and trees, one frame per object (so any file reads back without its neighbours),
/// optionally with the store's trained dictionary (<see cref="PackDictionary"/>). Level 3 with a 32 KB dictionary,
/// chosen by measurement (bench/results/store-compression.md): on the benchmark's text it keeps 0.34 of 20 KB files
/// and 0.36 of 2 KB files (level 1 without a dictionary: 0.42 and 0.51) and decodes at 300–500 MB/s per core with
/// ZstdSharp (the managed port; no native library, Native AOT as is). Content that does not shrink by 10 % is
/// stored as is, as with Brotli.
/// </summary>
internal static class ZstdCompression
{
    /// <summary>Compression level of every pack entry and tree.</summary>
    public const int Level = 3;

    /// <summary>Dictionary size handed to the trainer: 64 and 112 KB measured no better than 32 KB on any tree.</summary>
    public const int DictionaryCapacity = 32 * 1024;

    // zstd's ZSTD_dictForceAttach, the value of ZSTD_c_forceAttachDict (ZstdSharp names it experimentalParam4).
    private const int ForceAttachDictionary = 1;

    private static readonly ConcurrentBag<Compressor> PlainCompressors = [];
    private static readonly ConcurrentBag<Decompressor> PlainDecompressors = [];

    /// <summary>
    /// Compresses <paramref name="content"/> into a pooled buffer when that saves ≥ 10 %, checks that the frame decodes
    /// back to exactly <paramref name="content"/> (so the checksum written for it vouches for the content), and returns
    /// it; null otherwise (store it as is). The caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static byte[]? TryCompress(ReadOnlySpan<byte> content, PackDictionary? dictionary, out int written)
    {
        written = 0;
        int limit = (int)((long)content.Length * 9 / 10);
        if (limit <= 0)
        {
            return null;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(limit, Compressor.GetCompressBound(content.Length)));
        Compressor compressor = RentCompressor(dictionary);
        bool ok;
        try
        {
            ok = compressor.TryWrap(content, buffer, out written) && ObjectCompression.Saves(written, content.Length);
        }
        catch (ZstdException)
        {
            ok = false;
        }
        finally
        {
            ReturnCompressor(dictionary, compressor);
        }
        if (ok && DecodesTo(buffer.AsSpan(0, written), content, dictionary))
        {
            return buffer;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        written = 0;
        return null;
    }

    private static bool DecodesTo(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> content, PackDictionary? dictionary)
    {
        byte[] decoded = ArrayPool<byte>.Shared.Rent(content.Length);
        try
        {
            return TryDecompress(frame, decoded.AsSpan(0, content.Length), dictionary) && decoded.AsSpan(0, content.Length).SequenceEqual(content);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    /// <summary>
    /// Decodes one frame into exactly <paramref name="content"/>.Length bytes; false when the stored bytes are not a
    /// frame of exactly that length under that dictionary (damage, never an exception or a bigger buffer).
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> stored, Span<byte> content, PackDictionary? dictionary)
    {
        Decompressor decompressor = RentDecompressor(dictionary);
        try
        {
            // A frame that says it holds more than the index does is damage, found before any decoding.
            ulong declared = Decompressor.GetDecompressedSize(stored);
            if (declared != (ulong)content.Length)
            {
                return false;
            }
            return decompressor.TryUnwrap(stored, content, out int written) && written == content.Length;
        }
        catch (ZstdException)
        {
            return false;
        }
        finally
        {
            ReturnDecompressor(dictionary, decompressor);
        }
    }

    /// <summary>The id a trained dictionary carries (and writes into every frame compressed with it); 0 for none.</summary>
    public static unsafe uint DictionaryId(ReadOnlySpan<byte> dictionary)
    {
        fixed (byte* bytes = dictionary)
        {
            return ZstdSharp.Unsafe.Methods.ZSTD_getDictID_fromDict(bytes, (nuint)dictionary.Length);
        }
    }

    /// <summary>
    /// True when <paramref name="frame"/>'s header declares exactly <paramref name="contentLength"/> bytes and names
    /// dictionary <paramref name="dictionaryId"/> (0: none): what the index says of the entry, checked without decoding.
    /// </summary>
    public static unsafe bool FrameFits(ReadOnlySpan<byte> frame, long contentLength, uint dictionaryId)
    {
        fixed (byte* bytes = frame)
        {
            ulong declared = ZstdSharp.Unsafe.Methods.ZSTD_getFrameContentSize(bytes, (nuint)frame.Length);
            return declared == (ulong)contentLength && ZstdSharp.Unsafe.Methods.ZSTD_getDictID_fromFrame(bytes, (nuint)frame.Length) == dictionaryId;
        }
    }

    /// <summary>A dictionary trained from <paramref name="samples"/>; null when they are too few or too alike for the trainer.</summary>
    public static byte[]? Train(List<byte[]> samples)
    {
        try
        {
            // Fixed parameters (zstd's defaults for k and d, no search): ~0.1 s for a 1 MB sample instead of ~0.4 s, same ratio.
            ZstdSharp.Unsafe.ZDICT_fastCover_params_t parameters = new() { k = 200, d = 8, f = 20, accel = 1, steps = 1, nbThreads = 1, splitPoint = 1.0 };
            parameters.zParams.compressionLevel = Level;
            byte[] trained = DictBuilder.TrainFromBufferFastCover(samples, parameters, DictionaryCapacity).ToArray();
            return trained.Length > 0 ? trained : null;
        }
        catch (ZstdException)
        {
            return null;
        }
    }

    private static Compressor RentCompressor(PackDictionary? dictionary)
    {
        ConcurrentBag<Compressor> pool = dictionary?.Compressors ?? PlainCompressors;
        if (pool.TryTake(out Compressor? compressor))
        {
            return compressor;
        }
        compressor = new Compressor(Level);
        if (dictionary is not null)
        {
            compressor.LoadDictionary(dictionary.Bytes);
            // Attach the dictionary's tables to every frame instead of copying them in: at level 3 zstd copies them
            // for inputs over 16 KB, which made tree A's 20 KB files compress at ~57 MB/s per core against ~81 MB/s
            // attached (a ZstdSharp micro-test), for the same ratio (0.335 vs 0.334 of the bytes kept); the first save of
            // tree A went from 0.49x to 0.39x the shadow git (bench/results/2026-12-02-session6-A-attach.log).
            // The frames are ordinary dictionary frames: decoding is unchanged.
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_experimentalParam4, ForceAttachDictionary);
        }
        return compressor;
    }

    private static void ReturnCompressor(PackDictionary? dictionary, Compressor compressor) => (dictionary?.Compressors ?? PlainCompressors).Add(compressor);

    private static Decompressor RentDecompressor(PackDictionary? dictionary)
    {
        ConcurrentBag<Decompressor> pool = dictionary?.Decompressors ?? PlainDecompressors;
        if (pool.TryTake(out Decompressor? decompressor))
        {
            return decompressor;
        }
        decompressor = new Decompressor();
        if (dictionary is not null)
        {
            decompressor.LoadDictionary(dictionary.Bytes);
        }
        return decompressor;
    }

    private static void ReturnDecompressor(PackDictionary? dictionary, Decompressor decompressor) => (dictionary?.Decompressors ?? PlainDecompressors).Add(decompressor);
}
