using System.Buffers.Binary;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Damages the stored content of a file the way a bad disk or a lost write would, wherever the store keeps
/// it: a loose object (<c>objects/ab/…</c>, or <c>objects/ab/….br</c> when compressed) or a slice of a pack
/// (<c>objects/pack/pack-*.pack</c>, located through its <c>.idx</c>: magic "CKPTPCK3", an int32 count, the
/// 32-byte SHA-256 of the pack's dictionary, then entries of 32-byte SHA-256, int64 offset, int32 stored length,
/// int32 content length, one codec byte, uint64 checksum, little-endian; "CKPTPCK2" has no dictionary field and no
/// checksum). The tests read the on-disk format from outside on purpose: it is what verify and resume must defend against.
/// </summary>
internal static class StoredObjects
{
    private static (int Header, int Entry) Layout(byte[] index) =>
        index.AsSpan(0, 8).SequenceEqual("CKPTPCK3"u8) ? (8 + 4 + 32, 32 + 8 + 4 + 4 + 1 + 8) : (8 + 4, 32 + 8 + 4 + 4 + 1);

    /// <summary>Flips every byte of the object's content (a silent bit rot of the same length).</summary>
    public static void Corrupt(string store, string hash)
    {
        var (file, offset, length) = Locate(store, hash);
        var bytes = File.ReadAllBytes(file);
        for (var i = offset; i < offset + length; i++)
            bytes[i] ^= 0x5A;
        File.SetAttributes(file, FileAttributes.Normal);
        File.WriteAllBytes(file, bytes);
    }

    /// <summary>Makes the object unreachable: deletes a loose object, or drops its entry from its pack's index.</summary>
    public static void Lose(string store, string hash)
    {
        if (LooseObjectPath(store, hash) is { } loose)
        {
            File.Delete(loose);
            return;
        }

        var (index, bytes, at) = FindPackEntry(store, hash);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var entryBytes = Layout(bytes).Entry;
        var kept = new byte[bytes.Length - entryBytes];
        bytes.AsSpan(0, at).CopyTo(kept);
        bytes.AsSpan(at + entryBytes).CopyTo(kept.AsSpan(at));
        BinaryPrimitives.WriteInt32LittleEndian(kept.AsSpan(8), count - 1);
        File.SetAttributes(index, FileAttributes.Normal);
        File.WriteAllBytes(index, kept);
    }

    /// <summary>Writes <paramref name="offset"/> into the pack index entry of a packed object (a damaged index: the pack itself is intact).</summary>
    public static void SetPackOffset(string store, string hash, long offset)
    {
        var (index, bytes, at) = FindPackEntry(store, hash);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 32), offset);
        File.SetAttributes(index, FileAttributes.Normal);
        File.WriteAllBytes(index, bytes);
    }

    /// <summary>True when the object is kept compressed: a pack entry whose codec byte is not 0 (Brotli, Zstandard) or a <c>.br</c> loose object.</summary>
    public static bool IsCompressed(string store, string hash)
    {
        if (LooseObjectPath(store, hash) is { } loose)
            return loose.EndsWith(".br", StringComparison.Ordinal);
        var (_, bytes, at) = FindPackEntry(store, hash);
        return bytes[at + 48] != 0;
    }

    private static (string File, int Offset, int Length) Locate(string store, string hash)
    {
        if (LooseObjectPath(store, hash) is { } loose)
            return (loose, 0, (int)new FileInfo(loose).Length);

        var (index, bytes, at) = FindPackEntry(store, hash);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 32));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 40));
        return (Path.ChangeExtension(index, ".pack"), (int)offset, (int)length);
    }

    /// <summary>The pack index holding <paramref name="hash"/>, its bytes, and the byte offset of the entry.</summary>
    private static (string Index, byte[] Bytes, int EntryOffset) FindPackEntry(string store, string hash)
    {
        var digest = Convert.FromHexString(hash["sha256:".Length..]);
        var packs = Path.Combine(store, "objects", "pack");
        foreach (var index in Directory.Exists(packs) ? Directory.EnumerateFiles(packs, "*.idx") : [])
        {
            var bytes = File.ReadAllBytes(index);
            var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
            var (header, entryBytes) = Layout(bytes);
            for (var i = 0; i < count; i++)
            {
                var at = header + (i * entryBytes);
                if (bytes.AsSpan(at, 32).SequenceEqual(digest))
                    return (index, bytes, at);
            }
        }
        Assert.Fail($"No stored object for {hash} under {store}.");
        return default;
    }

    private static string? LooseObjectPath(string store, string hash)
    {
        var hex = hash["sha256:".Length..];
        var path = Path.Combine(store, "objects", hex[..2], hex[2..]);
        return File.Exists(path) ? path : File.Exists(path + ".br") ? path + ".br" : null;
    }
}
