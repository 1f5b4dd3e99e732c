using System.Text;
using Checkpoint.Core;
using Checkpoint.Server.Lsp;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>checkpoint/fileContent's choice between text and base64.</summary>
[TestClass]
public sealed class FileContentEncodingTests
{
    [TestMethod]
    public void Valid_utf8_without_nul_travels_as_text_with_its_byte_order_mark_kept()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Grüße — 🚀\n")];

        var result = FileContentEncoding.ToResult(new FileContent("notes.md", bytes));

        Assert.AreEqual("\uFEFFGrüße — 🚀\n", result.Text);
        Assert.IsNull(result.Base64);
        Assert.AreEqual(bytes.Length, result.Size);
    }

    [TestMethod]
    [DataRow(new byte[] { 0x61, 0x00, 0x62 }, DisplayName = "a NUL byte")]
    [DataRow(new byte[] { 0x61, 0xC3, 0x28 }, DisplayName = "an invalid UTF-8 sequence")]
    [DataRow(new byte[] { 0xE9, 0x74, 0xE9 }, DisplayName = "Latin-1 text")]
    public void Other_bytes_travel_as_base64_and_come_back_unchanged(byte[] bytes)
    {
        var result = FileContentEncoding.ToResult(new FileContent("data.bin", bytes));

        Assert.IsNull(result.Text);
        CollectionAssert.AreEqual(bytes, Convert.FromBase64String(result.Base64!));
    }

    [TestMethod]
    public void An_empty_file_is_empty_text()
    {
        var result = FileContentEncoding.ToResult(new FileContent("empty.txt", []));

        Assert.AreEqual("", result.Text);
        Assert.AreEqual(0, result.Size);
    }
}
