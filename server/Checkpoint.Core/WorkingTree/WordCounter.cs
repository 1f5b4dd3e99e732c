using System.Numerics;
using System.Runtime.Intrinsics;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// The seed's word_count: whitespace-separated words of a text file (Python's <c>len(text.split())</c> for
/// ASCII whitespace), 0 for a binary file (a NUL byte in the first 8000 bytes, git's heuristic). Fed in
/// chunks so large files stream. Counting runs 32 bytes at a time: a word starts wherever a non-separator
/// follows a separator, so one bit mask per block and a popcount do the work of 32 branches.
/// </summary>
internal struct WordCounter
{
    private const int BinaryProbeLength = 8000;

    private long _words;
    private long _seen;
    // Whether the byte before the next chunk was a separator (true at the start of the file).
    private bool _afterSeparator;
    private bool _binary;
    private bool _started;

    public readonly long Count => _binary ? 0 : _words;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_binary)
        {
            return;
        }
        if (!_started)
        {
            _afterSeparator = true;
            _started = true;
        }
        if (_seen < BinaryProbeLength && chunk[..(int)Math.Min(chunk.Length, BinaryProbeLength - _seen)].Contains((byte)0))
        {
            _binary = true;
            return;
        }
        _seen += chunk.Length;
        ulong previousSeparator = _afterSeparator ? 1UL : 0UL;
        long words = _words;
        int i = CountBlocks(chunk, Width, ref previousSeparator, ref words);
        for (; i < chunk.Length; i++)
        {
            bool isSeparator = IsSeparator(chunk[i]);
            if (!isSeparator && previousSeparator != 0)
            {
                words++;
            }
            previousSeparator = isSeparator ? 1UL : 0UL;
        }
        _afterSeparator = previousSeparator != 0;
        _words = words;
    }

    /// <summary>The widest vectors this machine runs.</summary>
    internal enum VectorWidth
    {
        None,
        Bits128,
        Bits256,
    }

    /// <summary>
    /// 256 bits with AVX2 under the JIT; the Native AOT executable targets the x64 baseline, where Vector256 is not
    /// accelerated, so it takes two 128-bit halves per block (SSE2, or AdvSimd on arm64). Without that the AOT
    /// build counted byte by byte: 16 % of the CPU of tree A's first save (perf), more than SHA-256 and the read.
    /// </summary>
    internal static readonly VectorWidth Width =
        Vector256.IsHardwareAccelerated ? VectorWidth.Bits256 : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128 : VectorWidth.None;

    /// <summary>
    /// Counts the words that start in the whole 32-byte blocks at the front of <paramref name="chunk"/>, carrying
    /// whether the byte before was a separator; returns how many bytes it consumed (the rest go byte by byte).
    /// </summary>
    internal static int CountBlocks(ReadOnlySpan<byte> chunk, VectorWidth width, ref ulong previousSeparator, ref long words)
    {
        int i = 0;
        if (width == VectorWidth.None)
        {
            return 0;
        }
        for (; i + 32 <= chunk.Length; i += 32)
        {
            ulong mask = width == VectorWidth.Bits256
                ? SeparatorMask(Vector256.Create(chunk.Slice(i, 32)))
                : SeparatorMask(Vector128.Create(chunk.Slice(i, 16))) | (SeparatorMask(Vector128.Create(chunk.Slice(i + 16, 16))) << 16);
            ulong starts = ~mask & ((mask << 1) | previousSeparator) & 0xFFFF_FFFFUL;
            words += BitOperations.PopCount(starts);
            previousSeparator = (mask >> 31) & 1;
        }
        return i;
    }

    // \t \n \v \f \r are 9..13, the ASCII information separators 28..31, and the space: one bit per byte.
    private static ulong SeparatorMask(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create((byte)' '))
            | Vector256.LessThanOrEqual(v - Vector256.Create((byte)'\t'), Vector256.Create((byte)4))
            | Vector256.LessThanOrEqual(v - Vector256.Create((byte)0x1c), Vector256.Create((byte)3))).ExtractMostSignificantBits();

    private static ulong SeparatorMask(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)' '))
            | Vector128.LessThanOrEqual(v - Vector128.Create((byte)'\t'), Vector128.Create((byte)4))
            | Vector128.LessThanOrEqual(v - Vector128.Create((byte)0x1c), Vector128.Create((byte)3))).ExtractMostSignificantBits();

    public static long CountOf(ReadOnlySpan<byte> content)
    {
        WordCounter counter = default;
        counter.Feed(content);
        return counter.Count;
    }

    private static bool IsSeparator(byte b) => b == ' ' || (uint)(b - '\t') <= 4 || (uint)(b - 0x1c) <= 3;
}
