using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>One object of a pack: where its stored bytes are, how long they are, and how they decode.</summary>
internal readonly record struct PackEntry(ContentKey Key, long Offset, long Length, long ContentLength, ObjectCodec Codec);

/// <summary>
/// The index of one pack: <c>pack-*.idx</c> beside <c>pack-*.pack</c> lists every object of the pack; the pack
/// is the objects' stored bytes concatenated, and the index is what makes it readable. Two versions, both read:
/// <list type="bullet">
/// <item><c>CKPTPCK1</c>, int32 count, entries of SHA-256 (32 bytes), int64 offset, int64 length: every object stored as is
/// (stores written before compression).</item>
/// <item><c>CKPTPCK2</c>, int32 count, entries of SHA-256 (32 bytes), int64 offset, int32 stored length, int32 content length,
/// one codec byte (<see cref="ObjectCodec"/>): what is written now.</item>
/// </list>
/// All integers little-endian.
/// </summary>
internal static class PackIndex
{
    private static readonly byte[] MagicV1 = "CKPTPCK1"u8.ToArray();
    private static readonly byte[] MagicV2 = "CKPTPCK2"u8.ToArray();
    private const int HeaderBytes = 8 + 4;
    private const int EntryBytesV1 = 32 + 8 + 8;
    private const int EntryBytesV2 = 32 + 8 + 4 + 4 + 1;

    public static void Write(string path, IReadOnlyCollection<PackEntry> entries)
    {
        byte[] bytes = new byte[HeaderBytes + (entries.Count * EntryBytesV2)];
        MagicV2.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(MagicV2.Length), entries.Count);
        int at = HeaderBytes;
        foreach (PackEntry entry in entries)
        {
            entry.Key.WriteTo(bytes.AsSpan(at));
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 32), entry.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 40), checked((int)entry.Length));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 44), checked((int)entry.ContentLength));
            bytes[at + 48] = (byte)entry.Codec;
            at += EntryBytesV2;
        }
        // Flushed with its pack: an index lost in a power cut would make every object in the pack unreachable.
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        RandomAccess.Write(handle, bytes, 0);
        FileSystem.Current.WroteStoreFile(handle);
    }

    /// <summary>The entries of a pack index; empty for a missing or malformed one (its pack is then unreachable, and verify says so).</summary>
    public static List<PackEntry> Read(string path)
    {
        List<PackEntry> entries = [];
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }
        if (bytes.Length < HeaderBytes)
        {
            return entries;
        }
        bool v2 = bytes.AsSpan(0, 8).SequenceEqual(MagicV2);
        if (!v2 && !bytes.AsSpan(0, 8).SequenceEqual(MagicV1))
        {
            return entries;
        }
        int entryBytes = v2 ? EntryBytesV2 : EntryBytesV1;
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (count < 0 || bytes.Length != HeaderBytes + ((long)count * entryBytes))
        {
            return entries;
        }
        entries.Capacity = count;
        for (int i = 0, at = HeaderBytes; i < count; i++, at += entryBytes)
        {
            ContentKey key = ContentKey.FromBytes(bytes.AsSpan(at, 32));
            long offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 32));
            long length = v2 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 40)) : BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 40));
            long contentLength = v2 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 44)) : length;
            // No writer produces a negative field; such an entry is damage. Dropped, its object is missing (verify
            // names the files, the next save that has the content stores it again) instead of a negative length
            // reading as "the whole pack" or a negative offset reaching a read. Slices past the pack's end are
            // refused where the pack is read (StoredContent).
            if (offset < 0 || length < 0 || contentLength < 0)
            {
                continue;
            }
            entries.Add(new PackEntry(key, offset, length, contentLength, v2 ? (ObjectCodec)bytes[at + 48] : ObjectCodec.Stored));
        }
        return entries;
    }

    /// <summary>Where a pack entry's bytes are, as readers want it.</summary>
    public static ContentLocation Location(string pack, PackEntry entry) =>
        new(pack, entry.Offset, entry.Length, entry.Codec, entry.ContentLength);
}
