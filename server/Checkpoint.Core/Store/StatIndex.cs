using System.Buffers.Binary;
using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>What the index remembers of one working-tree file: its stat at hashing time and the result.</summary>
internal readonly record struct IndexEntry(long Size, long MTimeNs, long CTimeNs, ulong Inode, string Hash, long WordCount, long RecordedNs)
{
    // Timestamps come from the kernel's coarse clock and a file can change twice within one tick without
    // its stat changing. Like git's "racy" rule: an entry recorded less than this after the file's mtime
    // cannot vouch for the content and is rehashed.
    private const long RacyWindowNs = 1_000_000_000;

    /// <summary>True when <paramref name="stat"/> proves the content is still <see cref="Hash"/>.</summary>
    public bool Vouches(FileStat stat) =>
        stat.Size == Size && stat.MTimeNs == MTimeNs && stat.CTimeNs == CTimeNs && stat.Inode == Inode &&
        MTimeNs < RecordedNs - RacyWindowNs;
}

/// <summary>
/// The stat cache: root-relative path → <see cref="IndexEntry"/>, in a compact binary file so a save of an
/// unchanged 100k-file tree reads no file contents. It is only a cache: a missing, foreign or corrupt
/// index is simply empty.
/// </summary>
internal sealed class StatIndex
{
    private static readonly byte[] Magic = "CKPTIDX3"u8.ToArray();

    private readonly Dictionary<string, IndexEntry> _entries;

    private StatIndex(string root, Dictionary<string, IndexEntry> entries)
    {
        Root = root;
        _entries = entries;
    }

    public string Root { get; }

    public int Count => _entries.Count;

    public bool Changed { get; private set; }

    public static StatIndex Empty(string root) => new(root, new Dictionary<string, IndexEntry>(StringComparer.Ordinal));

    public bool TryGet(string path, out IndexEntry entry) => _entries.TryGetValue(path, out entry);

    public void Set(string path, IndexEntry entry)
    {
        if (!_entries.TryGetValue(path, out IndexEntry old) || old != entry)
        {
            _entries[path] = entry;
            Changed = true;
        }
    }

    public void Remove(string path) => Changed |= _entries.Remove(path);

    /// <summary>Drops entries whose object is gone (after prune removed objects).</summary>
    public void RemoveWhere(Func<IndexEntry, bool> predicate)
    {
        List<string> doomed = [];
        foreach (KeyValuePair<string, IndexEntry> pair in _entries)
        {
            if (predicate(pair.Value))
            {
                doomed.Add(pair.Key);
            }
        }
        foreach (string path in doomed)
        {
            Remove(path);
        }
    }

    public static StatIndex Load(string file, string root)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty(root);
        }
        try
        {
            return Parse(bytes, root) ?? Empty(root);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Empty(root);
        }
    }

    // Layout after the magic: root (u16 length + UTF-8), count (i32), then per entry: path (u16 length + UTF-8),
    // size, mtime ns, ctime ns, inode (8 bytes each), SHA-256 (32 bytes), word count, recorded ns (8 bytes each) —
    // fixed-width little endian, parsed straight from one buffer.
    private const int FixedEntryBytes = (4 * 8) + 32 + (2 * 8);

    private static StatIndex? Parse(byte[] bytes, string root)
    {
        ReadOnlySpan<byte> data = bytes.AsSpan(Magic.Length);
        if (ReadString(ref data) != root || data.Length < 4)
        {
            return null;
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(data);
        data = data[4..];
        Dictionary<string, IndexEntry> entries = new(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string path = ReadString(ref data);
            if (data.Length < FixedEntryBytes)
            {
                return null;
            }
            long size = BinaryPrimitives.ReadInt64LittleEndian(data);
            long mtime = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
            long ctime = BinaryPrimitives.ReadInt64LittleEndian(data[16..]);
            ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(data[24..]);
            string hash = Convert.ToHexStringLower(data.Slice(32, 32));
            long words = BinaryPrimitives.ReadInt64LittleEndian(data[64..]);
            long recorded = BinaryPrimitives.ReadInt64LittleEndian(data[72..]);
            data = data[FixedEntryBytes..];
            entries[path] = new IndexEntry(size, mtime, ctime, inode, hash, words, recorded);
        }
        return new StatIndex(root, entries);
    }

    private static string ReadString(ref ReadOnlySpan<byte> data)
    {
        int length = BinaryPrimitives.ReadUInt16LittleEndian(data);
        string value = Encoding.UTF8.GetString(data.Slice(2, length));
        data = data[(2 + length)..];
        return value;
    }

    /// <summary>Writes the index (temp → rename). No fsync: losing it costs a rehash, never correctness.</summary>
    public void Save(string file, string tempFolder)
    {
        string temp = Path.Combine(tempFolder, $"index.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        using (FileStream stream = new(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            byte[] buffer = new byte[2 + (3 * 65535) + FixedEntryBytes];
            stream.Write(Magic);
            stream.Write(buffer, 0, WriteString(buffer, Root));
            BinaryPrimitives.WriteInt32LittleEndian(buffer, _entries.Count);
            stream.Write(buffer, 0, 4);
            foreach (KeyValuePair<string, IndexEntry> pair in _entries)
            {
                IndexEntry e = pair.Value;
                int at = WriteString(buffer, pair.Key);
                Span<byte> fixedPart = buffer.AsSpan(at, FixedEntryBytes);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart, e.Size);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[8..], e.MTimeNs);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[16..], e.CTimeNs);
                BinaryPrimitives.WriteUInt64LittleEndian(fixedPart[24..], e.Inode);
                Convert.FromHexString(e.Hash, fixedPart.Slice(32, 32), out _, out _);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[64..], e.WordCount);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[72..], e.RecordedNs);
                stream.Write(buffer, 0, at + FixedEntryBytes);
            }
        }
        File.Move(temp, file, overwrite: true);
        Changed = false;
    }

    private static int WriteString(byte[] buffer, string value)
    {
        int length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(2));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)length);
        return 2 + length;
    }

    /// <summary>Now, in the same clock and unit as file timestamps.</summary>
    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
