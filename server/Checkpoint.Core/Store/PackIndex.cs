using System.Buffers.Binary;

namespace Checkpoint.Core.Store;

/// <summary>
/// The index of one pack: <c>pack-*.idx</c> beside <c>pack-*.pack</c> lists (SHA-256, offset, length) of every
/// object in the pack. The pack is plain concatenated contents; the index is what makes it readable.
/// </summary>
internal static class PackIndex
{
    private static readonly byte[] Magic = "CKPTPCK1"u8.ToArray();
    private const int EntryBytes = 32 + 8 + 8;

    public static void Write(string path, IReadOnlyCollection<KeyValuePair<ContentKey, (long Offset, long Length)>> entries)
    {
        byte[] bytes = new byte[Magic.Length + 4 + (entries.Count * EntryBytes)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), entries.Count);
        int at = Magic.Length + 4;
        foreach ((ContentKey key, (long offset, long length)) in entries)
        {
            key.WriteTo(bytes.AsSpan(at));
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 32), offset);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 40), length);
            at += EntryBytes;
        }
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The entries of a pack index; empty for a missing or malformed one (its pack is then unreachable, and verify says so).</summary>
    public static List<(ContentKey Key, long Offset, long Length)> Read(string path)
    {
        List<(ContentKey, long, long)> entries = [];
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }
        if (bytes.Length < Magic.Length + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return entries;
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (count < 0 || bytes.Length != Magic.Length + 4 + ((long)count * EntryBytes))
        {
            return entries;
        }
        for (int i = 0, at = Magic.Length + 4; i < count; i++, at += EntryBytes)
        {
            entries.Add((ContentKey.FromBytes(bytes.AsSpan(at, 32)),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 32)),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 40))));
        }
        return entries;
    }
}
