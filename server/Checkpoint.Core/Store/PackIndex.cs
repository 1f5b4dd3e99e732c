using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// One object of a pack: where its stored bytes are, how long they are, how they decode, and (v3) the XxHash3-64
/// of the stored bytes.
/// </summary>
internal readonly record struct PackEntry(ContentKey Key, long Offset, long Length, long ContentLength, ObjectCodec Codec, ulong Checksum = 0, bool HasChecksum = false);

/// <summary>A pack index read: its entries and the dictionary its <see cref="ObjectCodec.ZstdDictionary"/> entries need (null: none).</summary>
internal sealed record PackIndexContents(List<PackEntry> Entries, string? Dictionary);

/// <summary>
/// The index of one pack: <c>pack-*.idx</c> beside <c>pack-*.pack</c> lists every object of the pack; the pack
/// is the objects' stored bytes concatenated, and the index is what makes it readable. Three versions, all read:
/// <list type="bullet">
/// <item><c>CKPTPCK1</c>, int32 count, entries of SHA-256 (32 bytes), int64 offset, int64 length: every object stored as is
/// (stores written before compression).</item>
/// <item><c>CKPTPCK2</c>, int32 count, entries of SHA-256 (32 bytes), int64 offset, int32 stored length, int32 content length,
/// one codec byte (<see cref="ObjectCodec"/>; Stored or Brotli in the stores that wrote it).</item>
/// <item><c>CKPTPCK3</c>, int32 count, the SHA-256 of the pack's dictionary (32 bytes; all zeros: the pack has none), then
/// entries of SHA-256 (32 bytes), int64 offset, int32 stored length, int32 content length, one codec byte, and the
/// XxHash3 (64-bit, seed 0) of the entry's stored bytes as a uint64: what is written now. The checksum is written only
/// after the entry was decoded back to its content, so a sound checksum vouches for the content (default verify).</item>
/// </list>
/// All integers little-endian.
/// </summary>
internal static class PackIndex
{
    private static readonly byte[] MagicV1 = "CKPTPCK1"u8.ToArray();
    private static readonly byte[] MagicV2 = "CKPTPCK2"u8.ToArray();
    private static readonly byte[] MagicV3 = "CKPTPCK3"u8.ToArray();
    private const int HeaderBytes = 8 + 4;
    private const int HeaderBytesV3 = 8 + 4 + 32;
    private const int EntryBytesV1 = 32 + 8 + 8;
    private const int EntryBytesV2 = 32 + 8 + 4 + 4 + 1;
    private const int EntryBytesV3 = EntryBytesV2 + 8;

    /// <summary>XxHash3-64 of an entry's stored bytes, as v3 indexes record it.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> stored) => XxHash3.HashToUInt64(stored);

    public static void Write(string path, IReadOnlyCollection<PackEntry> entries, string? dictionary)
    {
        byte[] bytes = new byte[HeaderBytesV3 + (entries.Count * EntryBytesV3)];
        MagicV3.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(MagicV3.Length), entries.Count);
        if (dictionary is not null)
        {
            Convert.FromHexString(dictionary, bytes.AsSpan(HeaderBytes, 32), out _, out _);
        }
        int at = HeaderBytesV3;
        foreach (PackEntry entry in entries)
        {
            entry.Key.WriteTo(bytes.AsSpan(at));
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 32), entry.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 40), checked((int)entry.Length));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 44), checked((int)entry.ContentLength));
            bytes[at + 48] = (byte)entry.Codec;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 49), entry.Checksum);
            at += EntryBytesV3;
        }
        // Flushed with its pack: an index lost in a power cut would make every object in the pack unreachable.
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        RandomAccess.Write(handle, bytes, 0);
        FileSystem.Current.WroteStoreFile(handle);
    }

    /// <summary>The entries of a pack index; empty for a missing or malformed one (its pack is then unreachable, and verify says so).</summary>
    public static List<PackEntry> Read(string path) => ReadContents(path).Entries;

    /// <summary>The entries of a pack index and the dictionary it names; empty for a missing or malformed one.</summary>
    public static PackIndexContents ReadContents(string path)
    {
        List<PackEntry> entries = [];
        PackIndexContents empty = new(entries, null);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return empty;
        }
        if (bytes.Length < HeaderBytes)
        {
            return empty;
        }
        ReadOnlySpan<byte> magic = bytes.AsSpan(0, 8);
        int version = magic.SequenceEqual(MagicV3) ? 3 : magic.SequenceEqual(MagicV2) ? 2 : magic.SequenceEqual(MagicV1) ? 1 : 0;
        if (version == 0 || (version == 3 && bytes.Length < HeaderBytesV3))
        {
            return empty;
        }
        int header = version == 3 ? HeaderBytesV3 : HeaderBytes;
        int entryBytes = version switch { 3 => EntryBytesV3, 2 => EntryBytesV2, _ => EntryBytesV1 };
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (count < 0 || bytes.Length != header + ((long)count * entryBytes))
        {
            return empty;
        }
        string? dictionary = null;
        if (version == 3 && bytes.AsSpan(HeaderBytes, 32).ContainsAnyExcept((byte)0))
        {
            dictionary = Convert.ToHexStringLower(bytes.AsSpan(HeaderBytes, 32));
        }
        entries.Capacity = count;
        for (int i = 0, at = header; i < count; i++, at += entryBytes)
        {
            ContentKey key = ContentKey.FromBytes(bytes.AsSpan(at, 32));
            long offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 32));
            long length = version >= 2 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 40)) : BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 40));
            long contentLength = version >= 2 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 44)) : length;
            // No writer produces a negative field; such an entry is damage. Dropped, its object is missing (verify
            // names the files, the next save that has the content stores it again) instead of a negative length
            // reading as "the whole pack" or a negative offset reaching a read. Slices past the pack's end are
            // refused where the pack is read (StoredContent).
            if (offset < 0 || length < 0 || contentLength < 0)
            {
                continue;
            }
            ObjectCodec codec = version >= 2 ? (ObjectCodec)bytes[at + 48] : ObjectCodec.Stored;
            bool hasChecksum = version == 3;
            ulong checksum = hasChecksum ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + 49)) : 0;
            entries.Add(new PackEntry(key, offset, length, contentLength, codec, checksum, hasChecksum));
        }
        return new PackIndexContents(entries, dictionary);
    }

    /// <summary>Where a pack entry's bytes are, as readers want it.</summary>
    public static ContentLocation Location(string pack, PackEntry entry, PackDictionary? dictionary) =>
        new(pack, entry.Offset, entry.Length, entry.Codec, entry.ContentLength, dictionary, entry.Checksum, entry.HasChecksum);

    /// <summary>
    /// Every pack of <paramref name="packs"/> with its entries, as readers locate them: one <see cref="PackDictionary"/>
    /// instance per dictionary named, shared by every pack that names it (read and checked once).
    /// </summary>
    public static Dictionary<ContentKey, ContentLocation> LoadAll(StoreLayout layout, List<(string Pack, string Index)> packs)
    {
        Dictionary<ContentKey, ContentLocation> located = [];
        Dictionary<string, PackDictionary> dictionaries = new(StringComparer.Ordinal);
        foreach ((string pack, string index) in packs)
        {
            PackIndexContents contents = ReadContents(index);
            PackDictionary? dictionary = null;
            if (contents.Dictionary is { } hash && !dictionaries.TryGetValue(hash, out dictionary))
            {
                dictionary = new PackDictionary(hash, PackDictionary.PathOf(layout, hash));
                dictionaries[hash] = dictionary;
            }
            foreach (PackEntry entry in contents.Entries)
            {
                located.TryAdd(entry.Key, Location(pack, entry, dictionary));
            }
        }
        return located;
    }
}
