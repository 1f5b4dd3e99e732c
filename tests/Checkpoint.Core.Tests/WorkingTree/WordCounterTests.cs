using System.Runtime.Intrinsics;
using System.Text;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Tests.WorkingTree;

[TestClass]
public sealed class WordCounterTests
{
    [TestMethod]
    [DataRow("", 0)]
    [DataRow("one", 1)]
    [DataRow("  one two\tthree\nfour\r\n", 4)]
    [DataRow("über straße — naïve", 4)]
    [DataRow("a\u001cb\u001fc\vd\fe", 5)]
    public void Counts_whitespace_separated_words_like_python_split(string text, int expected) =>
        Assert.AreEqual(expected, WordCounter.CountOf(Encoding.UTF8.GetBytes(text)));

    [TestMethod]
    public void The_vectorised_count_matches_a_simple_count_on_long_random_text_in_odd_chunks()
    {
        Random random = new(7);
        byte[] alphabet = "ab \n\t\r"u8.ToArray();
        byte[] text = new byte[10_007];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = alphabet[random.Next(alphabet.Length)];
        }
        int expected = Encoding.ASCII.GetString(text).Split([' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;

        WordCounter chunked = default;
        for (int offset = 0; offset < text.Length; offset += 33)
        {
            chunked.Feed(text.AsSpan(offset, Math.Min(33, text.Length - offset)));
        }

        Assert.AreEqual(expected, WordCounter.CountOf(text));
        Assert.AreEqual(expected, chunked.Count);
    }

    [TestMethod]
    [DataRow(128)]
    [DataRow(256)]
    public void Each_vector_width_counts_what_the_byte_loop_counts_over_every_byte_value(int bits)
    {
        if (bits == 256 ? !Vector256.IsHardwareAccelerated : !Vector128.IsHardwareAccelerated)
        {
            Assert.Inconclusive($"{bits}-bit vectors are not accelerated on this machine.");
        }
        WordCounter.VectorWidth width = bits == 256 ? WordCounter.VectorWidth.Bits256 : WordCounter.VectorWidth.Bits128;
        Random random = new(13);
        byte[] text = new byte[32 * 400];
        for (int i = 0; i < text.Length; i++)
        {
            // Every byte value, separators made common enough that words of every length occur.
            text[i] = random.Next(3) == 0 ? (byte)" \t\n\v\f\r\u001c\u001d\u001e\u001f"[random.Next(10)] : (byte)random.Next(256);
        }
        long expected = 0;
        bool after = true;
        foreach (byte b in text)
        {
            bool separator = b == ' ' || b is >= 9 and <= 13 || b is >= 28 and <= 31;
            expected += !separator && after ? 1 : 0;
            after = separator;
        }

        ulong previous = 1;
        long words = 0;
        int consumed = WordCounter.CountBlocks(text, width, ref previous, ref words);

        Assert.AreEqual(text.Length, consumed);
        Assert.AreEqual(expected, words);
        Assert.AreEqual(after ? 1UL : 0UL, previous);
    }

    [TestMethod]
    public void A_file_with_a_nul_byte_is_binary_and_counts_zero() =>
        Assert.AreEqual(0, WordCounter.CountOf([(byte)'a', (byte)' ', 0, (byte)'b']));
}
