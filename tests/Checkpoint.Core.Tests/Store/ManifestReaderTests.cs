using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

[TestClass]
public sealed class ManifestReaderTests
{
    private static readonly string Hex = string.Concat(Enumerable.Repeat("0a1B", 16));

    private static Manifest ReadFiles(TempWorkspace ws, string filesJson)
    {
        string path = Path.Combine(ws.Root, "checkpoint.json");
        File.WriteAllText(path, $$"""{"name": "m", "timestamp": "2026-01-01T00:00:00", "stage": "s", "files": [{{filesJson}}]}""");
        return ManifestReader.Read(path, withFiles: true);
    }

    [TestMethod]
    public void File_entries_read_with_any_hash_spelling_and_escaped_names_give_lowercase_hashes()
    {
        using TempWorkspace ws = new();

        Manifest manifest = ReadFiles(ws, $$"""
            {"path": "a.md", "size": 3, "modified": "2026-01-01T00:00:00", "hash": "SHA256:{{Hex}}", "word_count": 1},
            {"p\u0061th": "b.md", "size": 4, "h\u0061sh": "{{Hex}}"},
            {"path": "c.md", "extra": {"ignored": [1, 2]}, "hash": "sha256:\u0030{{Hex[1..]}}"}
            """);

        string lower = Hex.ToLowerInvariant();
        CollectionAssert.AreEqual(new[] { "a.md", "b.md", "c.md" }, manifest.Files.Select(f => f.Path).ToArray());
        CollectionAssert.AreEqual(new[] { lower, lower, "0" + lower[1..] }, manifest.Files.Select(f => f.Hash).ToArray());
        Assert.AreEqual(3, manifest.Files[0].Size);
        Assert.AreEqual(1, manifest.Files[0].WordCount);
        Assert.AreEqual("2026-01-01T00:00:00", manifest.Files[0].Modified);
        Assert.AreEqual(4, manifest.Files[1].Size);
    }

    [TestMethod]
    [DataRow("sha256:abc")]
    [DataRow("md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [DataRow("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public void A_hash_that_is_not_sha256_hex_makes_the_manifest_unreadable(string hash)
    {
        using TempWorkspace ws = new();

        Exception e = Assert.ThrowsExactly<UnreadableManifestException>(() => ReadFiles(ws, $$"""{"path": "a.md", "hash": "{{hash}}"}"""));

        StringAssert.Contains(e.Message, hash);
    }

    [TestMethod]
    [DataRow("\"name\": \"m\", \"name\": \"n\"")]
    [DataRow("\"files\": [], \"files\": []")]
    [DataRow("\"metadata\": {}, \"m\\u0065tadata\": {}")]
    [DataRow("\"extra\": 1, \"extra\": 2")]
    public void A_top_level_key_that_appears_twice_makes_the_manifest_unreadable(string members)
    {
        using TempWorkspace ws = new();
        string path = Path.Combine(ws.Root, "checkpoint.json");
        string name = members.Contains("\"name\"") ? "" : "\"name\": \"m\", ";
        File.WriteAllText(path, $$"""{{{name}}"timestamp": "2026-01-01T00:00:00", "stage": "s", {{members}}}""");

        UnreadableManifestException e = Assert.ThrowsExactly<UnreadableManifestException>(() => ManifestReader.Read(path));

        StringAssert.Contains(e.Message, "appears twice");
    }
}
