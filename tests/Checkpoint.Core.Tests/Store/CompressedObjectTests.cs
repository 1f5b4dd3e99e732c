using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

/// <summary>Objects are compressed when that pays, read back byte for byte, and damage to them is reported, never a crash.</summary>
[TestClass]
public sealed class CompressedObjectTests
{
    private static readonly CheckpointRef Latest = new("module-05", Latest: true);

    /// <summary>A raised threshold: contents below it are kept as is (by default only those under 64 bytes are).</summary>
    private const int CompressionMinimumLength = 4096;

    /// <summary>Prose-like text (compresses to well under 90 %), unique per <paramref name="seed"/>.</summary>
    private static byte[] Text(int bytes, int seed)
    {
        Random random = new(seed);
        string[] words = ["checkpoint", "restore", "module", "lecture", "the", "of", "exercise", "notes", "and", "store", "verify"];
        StringBuilder text = new($"# file {seed}\n");
        while (text.Length < bytes)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(12) == 0 ? '\n' : ' ');
        }
        return Encoding.UTF8.GetBytes(text.ToString(0, bytes));
    }

    private static byte[] Noise(int bytes, int seed)
    {
        byte[] noise = new byte[bytes];
        new Random(seed).NextBytes(noise);
        return noise;
    }

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static ContentLocation Stored(TempWorkspace ws, byte[] content) =>
        new ObjectStore(new StoreLayout(ws.Store)).Locate(Hex(content)) ?? throw new AssertFailedException("content not stored");

    private static async Task<Dictionary<string, byte[]>> SaveFiles(TempWorkspace ws, params (string Path, byte[] Content)[] files)
    {
        foreach ((string path, byte[] content) in files)
        {
            ws.WriteBytes(path, content);
        }
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        return files.ToDictionary(f => f.Path, f => f.Content);
    }

    private static async Task AssertRestoresIdentically(TempWorkspace ws, Dictionary<string, byte[]> files)
    {
        string target = ws.PathOf("../restored-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });
            foreach ((string path, byte[] content) in files)
            {
                CollectionAssert.AreEqual(content, File.ReadAllBytes(Path.Combine(target, path)), path);
                CollectionAssert.AreEqual(content, ws.Engine.ReadFile(Latest, path).Bytes, path);
            }
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [TestMethod]
    public async Task Compressible_content_is_stored_compressed_and_restores_byte_for_byte()
    {
        using TempWorkspace ws = new(CompressionMinimumLength);
        var files = await SaveFiles(ws,
            ("packed.md", Text(20 * 1024, 2)),
            ("loose.md", Text(300 * 1024, 3)),       // above the pack limit: one loose object
            ("streamed.md", Text(5 << 20, 4)));     // above the whole-file limit: compressed while streaming

        foreach ((string path, byte[] content) in files)
        {
            ContentLocation location = Stored(ws, content);
            // Packed contents are Zstandard frames (no dictionary: three files are too few to train one), loose ones Brotli.
            Assert.AreEqual(path == "packed.md" ? ObjectCodec.Zstd : ObjectCodec.Brotli, location.Codec, path);
            long onDisk = location.IsWholeFile ? new FileInfo(location.Path).Length : location.Length;
            Assert.IsLessThan(content.Length * 0.9, (double)onDisk, $"{path}: {onDisk} of {content.Length} bytes");
        }
        StringAssert.EndsWith(Stored(ws, files["loose.md"]).Path, ".br");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        await AssertRestoresIdentically(ws, files);
    }

    [TestMethod]
    public async Task By_default_packed_contents_are_Zstandard_frames_and_big_files_Brotli()
    {
        using TempWorkspace ws = new();
        var files = await SaveFiles(ws,
            ("packed.md", Text(20 * 1024, 5)),
            ("largest-packed.md", Text(PackWriter.PackLimit, 6)),
            ("loose.md", Text(PackWriter.PackLimit + 1, 7)));

        Assert.AreEqual(ObjectCodec.Zstd, Stored(ws, files["packed.md"]).Codec);
        Assert.AreEqual(ObjectCodec.Zstd, Stored(ws, files["largest-packed.md"]).Codec);
        Assert.AreEqual(ObjectCodec.Brotli, Stored(ws, files["loose.md"]).Codec);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        await AssertRestoresIdentically(ws, files);
    }

    [TestMethod]
    public async Task Incompressible_or_small_content_is_stored_as_is()
    {
        using TempWorkspace ws = new(CompressionMinimumLength);
        var files = await SaveFiles(ws,
            ("photo.jpg", Noise(20 * 1024, 1)),
            ("archive.zip", Noise(300 * 1024, 2)),
            ("video.mp4", Noise(5 << 20, 3)),
            ("tiny.txt", "hi"u8.ToArray()),
            ("small.md", Text(CompressionMinimumLength - 1, 4)));   // compressible, but too small to be worth the set-up

        foreach ((string path, byte[] content) in files)
        {
            ContentLocation location = Stored(ws, content);
            Assert.AreEqual(ObjectCodec.Stored, location.Codec, path);
            if (location.IsWholeFile)
            {
                CollectionAssert.AreEqual(content, File.ReadAllBytes(location.Path), $"{path}: the loose object is the file's bytes");
            }
        }
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        await AssertRestoresIdentically(ws, files);
    }

    [TestMethod]
    public async Task A_store_in_the_old_uncompressed_format_verifies_resumes_saves_and_prunes()
    {
        using TempWorkspace ws = new(CompressionMinimumLength);
        var files = await SaveFiles(ws, ("a.md", Text(4096, 1)), ("b.md", Text(8192, 2)), ("big.md", Text(300 * 1024, 3)));
        RewriteAsOldFormat(ws, files.Values);
        int objects = ws.ObjectCount();

        VerifyResult verified = await ws.Engine.VerifyAsync();
        await AssertRestoresIdentically(ws, files);
        ws.WriteBytes("a.md", Text(4096, 10));
        ws.Engine.Delete("module-05", ws.Engine.List().Checkpoints.Single().Timestamp);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        int afterSecondSave = ws.ObjectCount();
        PruneResult pruned = ws.Engine.Prune(new PruneRequest());

        Assert.IsTrue(verified.Ok);
        Assert.AreEqual(ObjectCodec.Stored, Stored(ws, files["b.md"]).Codec, "old objects are kept as they were");
        Assert.AreEqual(objects + 1, afterSecondSave, "unchanged content in old packs and loose objects is not stored again");
        Assert.AreEqual(1, pruned.ObjectsRemoved, "the old a.md, collected out of its old pack");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok, "the old pack's live objects survived its rewrite");
        await AssertRestoresIdentically(ws, new Dictionary<string, byte[]> { ["a.md"] = Text(4096, 10), ["b.md"] = files["b.md"], ["big.md"] = files["big.md"] });
    }

    /// <summary>
    /// Replaces every object with the layout written before compression, byte for byte: one pack of the plain
    /// contents with a "CKPTPCK1" index (int32 count; SHA-256, int64 offset, int64 length), big ones as plain
    /// loose files named by their hash.
    /// </summary>
    private static void RewriteAsOldFormat(TempWorkspace ws, IEnumerable<byte[]> contents)
    {
        // Format 1 had no trees: every checkpoint.json lists its files and nothing else.
        foreach (string manifestPath in Directory.GetFiles(ws.Store, "checkpoint.json", SearchOption.AllDirectories))
        {
            System.Text.Json.Nodes.JsonObject manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            manifest.Remove("tree");
            manifest["format_version"] = 1;
            File.WriteAllText(manifestPath, manifest.ToJsonString());
        }
        string objects = Path.Combine(ws.Store, "objects");
        foreach (string file in Directory.GetFiles(objects, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
        using MemoryStream pack = new();
        using MemoryStream index = new();
        List<byte[]> packed = [];
        foreach (byte[] content in contents)
        {
            string hex = Hex(content);
            if (content.Length > 256 * 1024)
            {
                File.WriteAllBytes(Path.Combine(objects, hex[..2], hex[2..]), content);
                continue;
            }
            byte[] entry = new byte[48];
            SHA256.HashData(content).CopyTo(entry, 0);
            BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(32), pack.Length);
            BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(40), content.Length);
            pack.Write(content);
            packed.Add(entry);
        }
        byte[] header = new byte[12];
        "CKPTPCK1"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), packed.Count);
        index.Write(header);
        packed.ForEach(entry => index.Write(entry));
        File.WriteAllBytes(Path.Combine(objects, "pack", "pack-old.pack"), pack.ToArray());
        File.WriteAllBytes(Path.Combine(objects, "pack", "pack-old.idx"), index.ToArray());
    }

    [TestMethod]
    [DataRow("flipped byte")]
    [DataRow("truncated pack")]
    [DataRow("absurd content length")]
    [DataRow("absurd stored length")]
    public async Task A_damaged_compressed_pack_entry_is_named_by_verify_and_stops_resume(string damage)
    {
        using TempWorkspace ws = new(CompressionMinimumLength);
        var files = await SaveFiles(ws, ("lecture.md", Text(20 * 1024, 1)));
        ContentLocation location = Stored(ws, files["lecture.md"]);
        Assert.AreEqual(ObjectCodec.Zstd, location.Codec);
        switch (damage)
        {
            case "flipped byte":
                FlipByte(location.Path, location.Offset + (location.Length / 2));
                break;
            case "truncated pack":
                using (FileStream stream = new(location.Path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(location.Offset + (location.Length / 2));
                }
                break;
            case "absurd content length":
                SetIndexField(ws, files["lecture.md"], fieldOffset: 44, int.MaxValue);
                break;
            default:
                SetIndexField(ws, files["lecture.md"], fieldOffset: 40, int.MaxValue);
                break;
        }
        await AssertDamagedAndRefused(ws, "lecture.md");
    }

    [TestMethod]
    [DataRow("flipped byte")]
    [DataRow("truncated")]
    public async Task A_damaged_compressed_loose_object_is_named_by_verify_and_stops_resume(string damage)
    {
        using TempWorkspace ws = new(CompressionMinimumLength);
        var files = await SaveFiles(ws, ("big.md", Text(300 * 1024, 1)), ("notes.md", Text(2048, 2)));
        ContentLocation location = Stored(ws, files["big.md"]);
        Assert.AreEqual(ObjectCodec.Brotli, location.Codec);
        long length = new FileInfo(location.Path).Length;
        if (damage == "flipped byte")
        {
            FlipByte(location.Path, length / 2);
        }
        else
        {
            using FileStream stream = new(location.Path, FileMode.Open, FileAccess.Write);
            stream.SetLength(length / 2);
        }
        await AssertDamagedAndRefused(ws, "big.md");
    }

    private static async Task AssertDamagedAndRefused(TempWorkspace ws, string damagedPath)
    {
        foreach (string file in Directory.GetFiles(ws.Root))
        {
            File.Delete(file);
        }
        var before = ws.Fingerprint();

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException refused = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest }));
        CheckpointException read = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(Latest, damagedPath));

        Assert.IsFalse(verify.Ok);
        Assert.AreEqual(new DamagedFile(damagedPath, "mismatch"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(ErrorKind.Integrity, refused.Kind);
        StringAssert.Contains(refused.Message, damagedPath);
        Assert.AreEqual(ErrorKind.Integrity, read.Kind);
        CollectionAssert.AreEqual(before, ws.Fingerprint(), "nothing was written");
    }

    private static void FlipByte(string path, long at)
    {
        using FileStream stream = new(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = at;
        int value = stream.ReadByte();
        stream.Position = at;
        stream.WriteByte((byte)(value ^ 0x5A));
    }

    /// <summary>Overwrites one int32 of <paramref name="content"/>'s entry in the v3 pack index.</summary>
    private static void SetIndexField(TempWorkspace ws, byte[] content, int fieldOffset, int value)
    {
        byte[] digest = SHA256.HashData(content);
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "pack-*.idx"))
        {
            byte[] bytes = File.ReadAllBytes(index);
            Assert.IsTrue(bytes.AsSpan(0, 8).SequenceEqual("CKPTPCK3"u8));
            for (int at = 44; at < bytes.Length; at += 57)
            {
                if (bytes.AsSpan(at, 32).SequenceEqual(digest))
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + fieldOffset), value);
                    File.WriteAllBytes(index, bytes);
                    return;
                }
            }
        }
        Assert.Fail("no index entry for the content");
    }
}
