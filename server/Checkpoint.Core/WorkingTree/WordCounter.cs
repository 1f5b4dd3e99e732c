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
        int i = 0;
        ulong previousSeparator = _afterSeparator ? 1UL : 0UL;
        long words = _words;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> space = Vector256.Create((byte)' ');
            Vector256<byte> tab = Vector256.Create((byte)'\t');
            Vector256<byte> four = Vector256.Create((byte)4);
            Vector256<byte> fileSeparator = Vector256.Create((byte)0x1c);
            Vector256<byte> three = Vector256.Create((byte)3);
            for (; i + 32 <= chunk.Length; i += 32)
            {
                Vector256<byte> v = Vector256.Create(chunk.Slice(i, 32));
                // \t \n \v \f \r are 9..13, the ASCII information separators 28..31, and the space.
                Vector256<byte> separator = Vector256.Equals(v, space)
                    | Vector256.LessThanOrEqual(v - tab, four)
                    | Vector256.LessThanOrEqual(v - fileSeparator, three);
                ulong mask = separator.ExtractMostSignificantBits();
                ulong starts = ~mask & ((mask << 1) | previousSeparator) & 0xFFFF_FFFFUL;
                words += BitOperations.PopCount(starts);
                previousSeparator = (mask >> 31) & 1;
            }
        }
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

    public static long CountOf(ReadOnlySpan<byte> content)
    {
        WordCounter counter = default;
        counter.Feed(content);
        return counter.Count;
    }

    private static bool IsSeparator(byte b) => b == ' ' || (uint)(b - '\t') <= 4 || (uint)(b - 0x1c) <= 3;
}
