using System.Buffers.Binary;

namespace Checkpoint.Core.Store;

/// <summary>A SHA-256 as four machine words: a dictionary key with no string behind it (pack indexes hold 100k of them).</summary>
internal readonly record struct ContentKey(ulong A, ulong B, ulong C, ulong D)
{
    public static ContentKey FromBytes(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    public static ContentKey FromHex(string hex)
    {
        Span<byte> digest = stackalloc byte[32];
        Convert.FromHexString(hex, digest, out _, out _);
        return FromBytes(digest);
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    public string ToHex()
    {
        Span<byte> digest = stackalloc byte[32];
        WriteTo(digest);
        return Convert.ToHexStringLower(digest);
    }
}

/// <summary>
/// Where stored bytes are: a whole file (<see cref="Length"/> −1: a loose object or a seed copy), or a slice of a
/// pack; how they are encoded; for a packed entry the decoded length (<see cref="ContentLength"/>, −1 when unknown);
/// the dictionary of its pack (<see cref="ObjectCodec.ZstdDictionary"/> entries); and, for entries of v3 packs, the
/// XxHash3 of the stored bytes (<see cref="Checksum"/>, written once the entry was decoded back to the content).
/// </summary>
internal readonly record struct ContentLocation(string Path, long Offset, long Length, ObjectCodec Codec = ObjectCodec.Stored, long ContentLength = -1,
    PackDictionary? Dictionary = null, ulong Checksum = 0, bool HasChecksum = false)
{
    public bool IsWholeFile => Length < 0;
}
