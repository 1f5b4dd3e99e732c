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
    private static readonly byte[] Magic = "CKPTIDX2"u8.ToArray();

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
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            return Empty(root);
        }
    }

    private static StatIndex? Parse(byte[] bytes, string root)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }
        using BinaryReader reader = new(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length), Encoding.UTF8);
        if (reader.ReadString() != root)
        {
            return null;
        }
        int count = reader.ReadInt32();
        Dictionary<string, IndexEntry> entries = new(count, StringComparer.Ordinal);
        Span<byte> hash = stackalloc byte[32];
        for (int i = 0; i < count; i++)
        {
            string path = reader.ReadString();
            long size = reader.ReadInt64();
            long mtime = reader.ReadInt64();
            long ctime = reader.ReadInt64();
            ulong inode = reader.ReadUInt64();
            if (reader.Read(hash) != 32)
            {
                return null;
            }
            long words = reader.ReadInt64();
            long recorded = reader.ReadInt64();
            entries[path] = new IndexEntry(size, mtime, ctime, inode, Convert.ToHexStringLower(hash), words, recorded);
        }
        return new StatIndex(root, entries);
    }

    /// <summary>Writes the index (temp → rename). No fsync: losing it costs a rehash, never correctness.</summary>
    public void Save(string file, string tempFolder)
    {
        string temp = Path.Combine(tempFolder, $"index.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        using (FileStream stream = new(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (BinaryWriter writer = new(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Root);
            writer.Write(_entries.Count);
            Span<byte> hash = stackalloc byte[32];
            foreach (KeyValuePair<string, IndexEntry> pair in _entries)
            {
                IndexEntry e = pair.Value;
                writer.Write(pair.Key);
                writer.Write(e.Size);
                writer.Write(e.MTimeNs);
                writer.Write(e.CTimeNs);
                writer.Write(e.Inode);
                Convert.FromHexString(e.Hash, hash, out _, out _);
                writer.Write(hash);
                writer.Write(e.WordCount);
                writer.Write(e.RecordedNs);
            }
        }
        File.Move(temp, file, overwrite: true);
        Changed = false;
    }

    /// <summary>Now, in the same clock and unit as file timestamps.</summary>
    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
