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
    public void A_file_with_a_nul_byte_is_binary_and_counts_zero() =>
        Assert.AreEqual(0, WordCounter.CountOf([(byte)'a', (byte)' ', 0, (byte)'b']));
}
