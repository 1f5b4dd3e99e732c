using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

/// <summary>
/// Packed contents as Zstandard frames with the store's trained dictionary (CKPTPCK3 indexes): they read back byte for
/// byte, default verify proves them by the checksum of their stored bytes, and every kind of damage — to an entry, its
/// pack, its index, the dictionary or the pack's reference to it — is an integrity failure naming the file, never a crash.
/// </summary>
[TestClass]
public sealed class ZstdDictionaryTests
{
    private static readonly CheckpointRef Latest = new("module-05", Latest: true);

    // Enough small files to train on (PackDictionary: ≥ 256 KB of them, ≥ 16 files).
    private const int FileCount = 48;
    private const int FileSize = 8 * 1024;

    private static readonly string[] Vocabulary = BuildVocabulary();

    private static string[] BuildVocabulary()
    {
        Random random = new(1234);
        string[] syllables = ["ka", "to", "re", "mi", "lo", "sa", "ne", "tu", "ri", "po", "da", "ve", "chi", "gra", "ste", "ion", "ment", "er"];
        return [.. Enumerable.Range(0, 800).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => syllables[random.Next(syllables.Length)])))];
    }

    /// <summary>Prose over a fixed vocabulary (as the benchmark's files are), unique per <paramref name="seed"/>.</summary>
    private static byte[] Prose(int bytes, int seed)
    {
        Random random = new(seed);
        StringBuilder text = new($"# file {seed} {random.Next():x8}\n");
        while (text.Length < bytes)
        {
            text.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(12) == 0 ? '\n' : ' ');
        }
        return Encoding.UTF8.GetBytes(text.ToString(0, bytes));
    }

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static ContentLocation Stored(TempWorkspace ws, byte[] content) =>
        new ObjectStore(new StoreLayout(ws.Store)).Locate(Hex(content)) ?? throw new AssertFailedException("content not stored");

    private static async Task<Dictionary<string, byte[]>> SaveMany(TempWorkspace ws, int seed = 0)
    {
        Dictionary<string, byte[]> files = [];
        for (int i = 0; i < FileCount; i++)
        {
            string path = $"chapter{i / 16}/section{i:D2}.md";
            files[path] = Prose(FileSize, seed + i);
            ws.WriteBytes(path, files[path]);
        }
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        return files;
    }

    private static string[] Dictionaries(TempWorkspace ws)
    {
        string folder = Path.Combine(ws.Store, "objects", "dict");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private static string PackIndexOf(ContentLocation location) => Path.ChangeExtension(location.Path, ".idx");

    [TestMethod]
    public async Task A_big_enough_save_trains_one_dictionary_and_every_file_round_trips_through_it()
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);

        string dictionary = Dictionaries(ws).Single();
        byte[] dictionaryBytes = File.ReadAllBytes(dictionary);
        Assert.AreEqual(Path.GetFileName(dictionary), Hex(dictionaryBytes), "a dictionary is named by its SHA-256");
        Assert.IsLessThanOrEqualTo(ZstdCompression.DictionaryCapacity, dictionaryBytes.Length);
        long stored = 0;
        foreach ((string path, byte[] content) in files)
        {
            ContentLocation location = Stored(ws, content);
            Assert.AreEqual(ObjectCodec.ZstdDictionary, location.Codec, path);
            Assert.AreEqual(Hex(dictionaryBytes), location.Dictionary?.Hash, path);
            Assert.IsTrue(location.HasChecksum, path);
            stored += location.Length;
        }
        byte[] index = File.ReadAllBytes(PackIndexOf(Stored(ws, files.First().Value)));
        Assert.AreEqual("CKPTPCK3", Encoding.ASCII.GetString(index, 0, 8));
        CollectionAssert.AreEqual(SHA256.HashData(dictionaryBytes), index[12..44], "the index names its pack's dictionary");
        Assert.IsLessThan(files.Values.Sum(c => c.Length) * 0.6, (double)stored, "prose over a small vocabulary keeps well under 60 % with the dictionary");

        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        Assert.IsTrue((await ws.Engine.VerifyAsync(deep: true)).Ok);
        string target = ws.PathOf("../restored-" + Guid.NewGuid().ToString("N"));
        try
        {
            ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });
            Assert.IsTrue(resumed.Verified);
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
    public async Task Later_saves_reuse_the_dictionary_and_store_only_what_changed()
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        int objects = ws.ObjectCount();
        string dictionary = Dictionaries(ws).Single();
        byte[] edited = Prose(FileSize, 9999);
        ws.WriteBytes("chapter0/section03.md", edited);
        ws.WriteBytes("chapter2/new.md", Prose(2048, 10000));

        SaveResult second = await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });

        Assert.AreEqual(2, second.NewObjects, "the edited file and the new one; the rest is shared with the first save");
        Assert.AreEqual(objects + 2, ws.ObjectCount());
        CollectionAssert.AreEqual(new[] { dictionary }, Dictionaries(ws), "no second dictionary");
        ContentLocation location = Stored(ws, edited);
        Assert.AreEqual(ObjectCodec.ZstdDictionary, location.Codec);
        Assert.AreEqual(Path.GetFileName(dictionary), location.Dictionary?.Hash);
        Assert.IsTrue((await ws.Engine.VerifyAsync(deep: true)).Ok);
    }

    [TestMethod]
    public async Task A_few_small_files_are_plain_Zstandard_frames_and_no_dictionary_is_trained()
    {
        using TempWorkspace ws = new();
        ws.WriteBytes("a.md", Prose(FileSize, 1));
        ws.WriteBytes("b.md", Prose(FileSize, 2));
        ws.WriteBytes("tiny.txt", "hi"u8.ToArray());
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });

        Assert.IsEmpty(Dictionaries(ws));
        Assert.AreEqual(ObjectCodec.Zstd, Stored(ws, Prose(FileSize, 1)).Codec);
        Assert.AreEqual(ObjectCodec.Stored, Stored(ws, "hi"u8.ToArray()).Codec, "under 64 bytes: kept as is");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    [DataRow("flipped byte", false)]
    [DataRow("flipped byte", true)]
    [DataRow("truncated pack", false)]
    [DataRow("truncated pack", true)]
    [DataRow("codec without the dictionary", false)]
    [DataRow("codec without the dictionary", true)]
    [DataRow("checksum", false)]
    public async Task A_damaged_entry_is_named_by_verify_and_refused_by_resume(string damage, bool deep)
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        const string Victim = "chapter1/section20.md";
        ContentLocation location = Stored(ws, files[Victim]);
        switch (damage)
        {
            case "flipped byte":
                FlipByte(location.Path, location.Offset + (location.Length / 2));
                break;
            case "truncated pack":
                // Cut inside the victim: it and everything after it in the pack are damaged.
                using (FileStream stream = new(location.Path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(location.Offset + (location.Length / 2));
                }
                break;
            case "codec without the dictionary":
                SetEntryByte(location, files[Victim], fieldOffset: 48, (byte)ObjectCodec.Zstd);
                break;
            default:
                SetEntryByte(location, files[Victim], fieldOffset: 49, 0x5A);
                break;
        }

        VerifyResult verify = await ws.Engine.VerifyAsync(deep: deep);

        Assert.IsFalse(verify.Ok);
        List<DamagedFile> damaged = [.. verify.Checkpoints.Single().Damaged];
        CollectionAssert.Contains(damaged, new DamagedFile(Victim, "mismatch"));
        if (damage != "truncated pack")
        {
            Assert.HasCount(1, damaged, "only the damaged entry");
        }
        if (damage == "checksum")
        {
            // Only the index's checksum is wrong: the content still decodes to its SHA-256, which is what restore and deep verify check.
            Assert.IsTrue((await ws.Engine.VerifyAsync(deep: true)).Ok);
            CollectionAssert.AreEqual(files[Victim], ws.Engine.ReadFile(Latest, Victim).Bytes);
            return;
        }
        await AssertResumeRefused(ws, Victim);
    }

    [TestMethod]
    public async Task A_missing_dictionary_makes_every_file_compressed_with_it_missing()
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        File.Delete(Dictionaries(ws).Single());

        VerifyResult verify = await ws.Engine.VerifyAsync();
        VerifyResult deep = await ws.Engine.VerifyAsync(deep: true);

        Assert.IsFalse(verify.Ok);
        CollectionAssert.AreEquivalent(files.Keys.Select(p => new DamagedFile(p, "missing")).ToArray(), verify.Checkpoints.Single().Damaged.ToArray());
        CollectionAssert.AreEquivalent(verify.Checkpoints.Single().Damaged.ToArray(), deep.Checkpoints.Single().Damaged.ToArray());
        CheckpointException read = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.ReadFile(Latest, files.Keys.First()));
        Assert.AreEqual(ErrorKind.Integrity, read.Kind);
        await AssertResumeRefused(ws, files.Keys.First());
    }

    [TestMethod]
    [DataRow("damaged dictionary")]
    [DataRow("another dictionary")]
    [DataRow("reference to no dictionary")]
    public async Task A_wrong_or_damaged_dictionary_is_an_integrity_failure_naming_the_files(string damage)
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        string dictionary = Dictionaries(ws).Single();
        ContentLocation location = Stored(ws, files.First().Value);
        string index = PackIndexOf(location);
        string expected = "mismatch";
        switch (damage)
        {
            case "damaged dictionary":
                FlipByte(dictionary, 100);
                break;
            case "another dictionary":
            {
                // A sound dictionary of other content, named by its own hash: the pack's index now points at it.
                byte[] other = ZstdCompression.Train([.. Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"other words {i} here and there ", 200))))])
                    ?? throw new AssertFailedException("no dictionary trained");
                PackDictionary written = PackDictionary.Write(new StoreLayout(ws.Store), other, Path.Combine(ws.Store, "tmp", "test-dict"));
                SetDictionaryReference(index, written.Hash);
                break;
            }
            default:
                SetDictionaryReference(index, new string('0', 64));
                break;
        }

        VerifyResult verify = await ws.Engine.VerifyAsync();
        VerifyResult deep = await ws.Engine.VerifyAsync(deep: true);

        CollectionAssert.AreEquivalent(files.Keys.Select(p => new DamagedFile(p, expected)).ToArray(), verify.Checkpoints.Single().Damaged.ToArray(), damage);
        CollectionAssert.AreEquivalent(files.Keys.Select(p => new DamagedFile(p, expected)).ToArray(), deep.Checkpoints.Single().Damaged.ToArray(), damage);
        await AssertResumeRefused(ws, files.Keys.First());
    }

    [TestMethod]
    public async Task Deep_verify_decodes_what_the_default_verify_takes_on_the_checksum()
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        const string Victim = "chapter0/section05.md";
        ContentLocation location = Stored(ws, files[Victim]);
        // A forged entry: a sound frame of other content of the same length, with the checksum fixed up to match —
        // what only decoding can tell (a writer's bug; bit rot changes the checksum).
        byte[] other = Prose(FileSize, 4242);
        byte[] frame = ZstdCompression.TryCompress(other, location.Dictionary, out int length) ?? throw new AssertFailedException("did not compress");
        byte[] forged = frame[..length];
        RewriteEntry(location, files[Victim], forged);

        VerifyResult shallow = await ws.Engine.VerifyAsync();
        VerifyResult deep = await ws.Engine.VerifyAsync(deep: true);

        Assert.IsTrue(shallow.Ok, "the stored bytes are the ones the index vouches for");
        Assert.AreEqual(new DamagedFile(Victim, "mismatch"), deep.Checkpoints.Single().Damaged.Single());
        await AssertResumeRefused(ws, Victim);
    }

    [TestMethod]
    public async Task Prune_drops_a_dictionary_no_pack_names_any_more()
    {
        using TempWorkspace ws = new();
        await SaveMany(ws);
        CheckpointSummary saved = ws.Engine.List().Checkpoints.Single();
        ws.Engine.Delete("module-05", saved.Timestamp);

        PruneResult pruned = ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(FileCount, pruned.ObjectsRemoved);
        Assert.IsEmpty(Dictionaries(ws));
        await SaveMany(ws, seed: 500);
        Assert.HasCount(1, Dictionaries(ws), "the next big save trains a new one");
        Assert.IsTrue((await ws.Engine.VerifyAsync(deep: true)).Ok);
    }

    [TestMethod]
    public async Task Prune_keeps_the_dictionary_of_a_rewritten_pack_and_its_live_entries_still_decode()
    {
        using TempWorkspace ws = new();
        var files = await SaveMany(ws);
        string dictionary = Dictionaries(ws).Single();
        ws.WriteBytes("chapter0/section00.md", Prose(FileSize, 777));
        await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });
        ws.Engine.Delete("module-05", ws.Engine.List().Checkpoints.OrderBy(c => c.Timestamp, StringComparer.Ordinal).First().Timestamp);

        PruneResult pruned = ws.Engine.Prune(new PruneRequest());

        Assert.AreEqual(1, pruned.ObjectsRemoved, "the old section00 left the first pack, which was rewritten");
        CollectionAssert.AreEqual(new[] { dictionary }, Dictionaries(ws));
        Assert.AreEqual(ObjectCodec.ZstdDictionary, Stored(ws, files["chapter1/section17.md"]).Codec);
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
        Assert.IsTrue((await ws.Engine.VerifyAsync(deep: true)).Ok);
    }

    private static async Task AssertResumeRefused(TempWorkspace ws, string damagedPath)
    {
        string target = ws.PathOf("../refused-" + Guid.NewGuid().ToString("N"));
        try
        {
            CheckpointException refused = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
                ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target }));
            Assert.AreEqual(ErrorKind.Integrity, refused.Kind);
            // The message names the first ten damaged files in path order; the full list rides on the exception.
            // (A truncated pack damages whatever the parallel save happened to write after the victim.)
            List<string> damaged = [.. (refused.Damaged ?? throw new AssertFailedException("no damaged list")).Select(d => d.Path)];
            CollectionAssert.Contains(damaged, damagedPath);
            StringAssert.Contains(refused.Message, damaged.Min(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }
    }

    private static void FlipByte(string path, long at)
    {
        using FileStream stream = new(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = at;
        int value = stream.ReadByte();
        stream.Position = at;
        stream.WriteByte((byte)(value ^ 0x5A));
    }

    /// <summary>Offset of <paramref name="content"/>'s entry in its v3 pack index (44-byte header, 57-byte entries).</summary>
    private static int EntryOffset(byte[] index, byte[] content)
    {
        byte[] digest = SHA256.HashData(content);
        for (int at = 44; at < index.Length; at += 57)
        {
            if (index.AsSpan(at, 32).SequenceEqual(digest))
            {
                return at;
            }
        }
        throw new AssertFailedException("no index entry for the content");
    }

    private static void SetEntryByte(ContentLocation location, byte[] content, int fieldOffset, byte value)
    {
        string path = PackIndexOf(location);
        byte[] index = File.ReadAllBytes(path);
        int at = EntryOffset(index, content) + fieldOffset;
        index[at] = fieldOffset == 48 ? value : (byte)(index[at] ^ value);
        File.WriteAllBytes(path, index);
    }

    private static void SetDictionaryReference(string indexPath, string hash)
    {
        byte[] index = File.ReadAllBytes(indexPath);
        Convert.FromHexString(hash).CopyTo(index, 12);
        File.WriteAllBytes(indexPath, index);
    }

    /// <summary>Appends <paramref name="stored"/> to the pack and points the entry at it, with its length and a checksum that matches.</summary>
    private static void RewriteEntry(ContentLocation location, byte[] content, byte[] stored)
    {
        long offset;
        using (FileStream pack = new(location.Path, FileMode.Append, FileAccess.Write))
        {
            offset = pack.Position;
            pack.Write(stored);
        }
        string path = PackIndexOf(location);
        byte[] index = File.ReadAllBytes(path);
        int at = EntryOffset(index, content);
        BinaryPrimitives.WriteInt64LittleEndian(index.AsSpan(at + 32), offset);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(at + 40), stored.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(at + 49), PackIndex.Checksum(stored));
        File.WriteAllBytes(path, index);
    }
}
