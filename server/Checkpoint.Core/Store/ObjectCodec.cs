namespace Checkpoint.Core.Store;

/// <summary>
/// How an object's bytes are kept on disk. The key is always the SHA-256 of the original (decoded) content;
/// the codec only says how to get that content back. Packs record it per entry in their v2/v3 index
/// (<see cref="PackIndex"/>); loose objects by name: <c>objects/ab/cdef…</c> is stored as is (every loose
/// object before compression), <c>objects/ab/cdef….br</c> is one Brotli stream.
/// </summary>
internal enum ObjectCodec : byte
{
    /// <summary>The bytes are the content (old stores, and content that does not compress by 10 %).</summary>
    Stored = 0,

    /// <summary>A Brotli stream of the content (loose objects; pack entries of stores written before Zstandard).</summary>
    Brotli = 1,

    /// <summary>One Zstandard frame of the content, no dictionary (pack entries and trees; <see cref="ZstdCompression"/>).</summary>
    Zstd = 2,

    /// <summary>One Zstandard frame compressed with the dictionary its pack's v3 index names (<see cref="PackDictionary"/>).</summary>
    ZstdDictionary = 3,
}
