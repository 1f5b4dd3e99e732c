using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// Collects the small new objects of one save into a single pack, so 100k small files cost one file
/// creation instead of 100k (the kernel's per-file cost, not hashing, dominates such trees). Each object is
/// added already encoded (compressed by the caller's thread, outside this writer's lock). Written under
/// tmp/, then renamed into objects/pack/: the pack first, its index last — a pack without an index is
/// garbage that the next writer removes. The index (v3, <see cref="PackIndex"/>) names the pack's
/// <see cref="Dictionary"/>, if any, and carries each entry's checksum of its stored bytes.
/// </summary>
internal sealed class PackWriter(StoreLayout layout, string prefix = PackWriter.ContentPrefix, PackDictionary? dictionary = null) : IDisposable
{
    /// <summary>The dictionary this pack's <see cref="ObjectCodec.ZstdDictionary"/> entries are compressed with (null: none).</summary>
    public PackDictionary? Dictionary => dictionary;

    /// <summary>Objects up to this size are packed; bigger ones stay loose files.</summary>
    public const int PackLimit = 256 * 1024;

    /// <summary>File-name prefix of content packs (<c>pack-*.pack</c>); tree packs are <c>tree-*.pack</c> (<see cref="TreeStore"/>).</summary>
    public const string ContentPrefix = "pack";

    private readonly Lock _gate = new();
    private readonly Dictionary<ContentKey, PackEntry> _entries = [];
    private static int s_counter;
    private readonly string _name = $"{prefix}-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
    private readonly byte[] _buffer = new byte[1 << 20];
    private SafeFileHandle? _handle;
    private long _length;
    private long _flushed;

    public int Count => _entries.Count;

    public bool Contains(ContentKey key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }

    /// <summary>
    /// Appends the stored bytes of one object (<paramref name="content"/>, encoded with <paramref name="codec"/>,
    /// <paramref name="contentLength"/> bytes once decoded) unless this pack already has it; true when appended.
    /// A compressed entry must have been decoded back to its content by the caller (<see cref="ZstdCompression.TryCompress"/>
    /// does): its checksum, computed here, then vouches for the content; <paramref name="checksum"/> carries one over.
    /// </summary>
    public bool TryAdd(ContentKey key, ReadOnlySpan<byte> content, long contentLength, ObjectCodec codec, ulong? checksum = null)
    {
        if (codec == ObjectCodec.ZstdDictionary && dictionary is null)
        {
            throw new ArgumentException("A dictionary-compressed entry needs a pack with a dictionary.", nameof(codec));
        }
        ulong sum = checksum ?? PackIndex.Checksum(content);
        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                return false;
            }
            _handle ??= FileSystem.Current.CreateNew(TempPackPath);
            // Buffered: one pwrite per megabyte, not per object, while the other workers wait on the lock.
            if (_length - _flushed + content.Length > _buffer.Length)
            {
                Flush();
            }
            if (content.Length > _buffer.Length)
            {
                RandomAccess.Write(_handle, content, _length);
                _flushed += content.Length;
            }
            else
            {
                content.CopyTo(_buffer.AsSpan((int)(_length - _flushed)));
            }
            _entries[key] = new PackEntry(key, _length, content.Length, contentLength, codec, sum, HasChecksum: true);
            _length += content.Length;
            return true;
        }
    }

    private string TempPackPath => Path.Combine(layout.Temp, _name + ".pack");

    /// <summary>Moves the pack and its index into objects/pack/; returns where each object now is (empty when nothing was packed).</summary>
    public Dictionary<ContentKey, ContentLocation> Commit()
    {
        Dictionary<ContentKey, ContentLocation> located = [];
        if (_handle is null)
        {
            return located;
        }
        Flush();
        FileSystem.Current.WroteStoreFile(_handle);
        _handle.Dispose();
        _handle = null;
        string tempIndex = Path.Combine(layout.Temp, _name + ".idx");
        PackIndex.Write(tempIndex, _entries.Values, dictionary?.Hash);
        string pack = Path.Combine(layout.Packs, _name + ".pack");
        File.Move(TempPackPath, pack);
        File.Move(tempIndex, Path.Combine(layout.Packs, _name + ".idx"));
        foreach ((ContentKey key, PackEntry entry) in _entries)
        {
            located[key] = PackIndex.Location(pack, entry, dictionary);
        }
        return located;
    }

    private void Flush()
    {
        int pending = (int)(_length - _flushed);
        if (pending > 0)
        {
            RandomAccess.Write(_handle!, _buffer.AsSpan(0, pending), _flushed);
            _flushed = _length;
        }
    }

    public void Dispose() => _handle?.Dispose();
}
