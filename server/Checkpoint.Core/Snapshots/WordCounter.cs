namespace Checkpoint.Core.Snapshots;

/// <summary>
/// The seed's word_count: whitespace-separated words of a text file (Python's <c>len(text.split())</c> for
/// ASCII whitespace), 0 for a binary file (a NUL byte in the first 8000 bytes, git's heuristic). Fed in
/// chunks so large files stream.
/// </summary>
internal struct WordCounter
{
    private const int BinaryProbeLength = 8000;

    private static readonly bool[] Separator = CreateSeparators();

    private long _words;
    private long _seen;
    private bool _inWord;
    private bool _binary;

    public readonly long Count => _binary ? 0 : _words;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_binary)
        {
            return;
        }
        if (_seen < BinaryProbeLength && chunk[..(int)Math.Min(chunk.Length, BinaryProbeLength - _seen)].Contains((byte)0))
        {
            _binary = true;
            return;
        }
        _seen += chunk.Length;
        bool[] separator = Separator;
        bool inWord = _inWord;
        long words = _words;
        foreach (byte b in chunk)
        {
            bool isSeparator = separator[b];
            if (!isSeparator && !inWord)
            {
                words++;
            }
            inWord = !isSeparator;
        }
        _inWord = inWord;
        _words = words;
    }

    public static long CountOf(ReadOnlySpan<byte> content)
    {
        WordCounter counter = default;
        counter.Feed(content);
        return counter.Count;
    }

    private static bool[] CreateSeparators()
    {
        bool[] table = new bool[256];
        foreach (byte b in "\t\n\v\f\r\u001c\u001d\u001e\u001f "u8)
        {
            table[b] = true;
        }
        return table;
    }
}
