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
    /// <remarks>A field the file system layer cannot read (<see cref="PortableFileSystem"/>: inode and ctime) is 0 on
    /// both sides and so compares equal: size and mtime decide, as in git on Windows, and the racy rule, which needs
    /// only mtime, still holds. An entry one layer recorded never vouches for the other's stat (their fields differ):
    /// switching layers costs one rehash, never a wrong answer.</remarks>
    public bool Vouches(FileStat stat) =>
        stat.Size == Size && stat.MTimeNs == MTimeNs && stat.CTimeNs == CTimeNs && stat.Inode == Inode &&
        MTimeNs < RecordedNs - RacyWindowNs;
}

/// <summary>
/// The stat cache: root-relative path → <see cref="IndexEntry"/>, in a compact binary file so a save of an
/// unchanged 100k-file tree reads no file contents. It is only a cache: a missing, foreign or corrupt
/// index is simply empty. The loaded file stays as bytes (<see cref="StatIndexFile"/>); what this process
/// changes lives in a small overlay, and saving copies untouched entries byte for byte.
/// </summary>
internal sealed class StatIndex
{
    private static readonly byte[] Magic = "CKPTIDX3"u8.ToArray();

    private readonly StatIndexFile _loaded;
    // Entries of _loaded replaced or removed in this process (by entry number), and the replacements.
    private readonly bool[] _shadowed;
    private readonly Dictionary<string, IndexEntry> _set = new(StringComparer.Ordinal);

    private StatIndex(string root, StatIndexFile loaded)
    {
        Root = root;
        _loaded = loaded;
        _shadowed = new bool[loaded.EntryCount];
        Count = loaded.EntryCount;
    }

    public string Root { get; }

    public int Count { get; private set; }

    public bool Changed { get; private set; }

    public static StatIndex Empty(string root) => new(root, StatIndexFile.None);

    public bool TryGet(string path, out IndexEntry entry)
    {
        if (_set.Count > 0 && _set.TryGetValue(path, out entry))
        {
            return true;
        }
        int found = _loaded.Find(path);
        if (found >= 0 && !_shadowed[found])
        {
            entry = _loaded.Read(found);
            return true;
        }
        entry = default;
        return false;
    }

    public void Set(string path, IndexEntry entry)
    {
        if (TryGet(path, out IndexEntry old))
        {
            if (old == entry)
            {
                return;
            }
        }
        else
        {
            Count++;
        }
        Shadow(path);
        _set[path] = entry;
        Changed = true;
    }

    public void Remove(string path)
    {
        if (TryGet(path, out _))
        {
            Shadow(path);
            _set.Remove(path);
            Count--;
            Changed = true;
        }
    }

    private void Shadow(string path)
    {
        int found = _loaded.Find(path);
        if (found >= 0)
        {
            _shadowed[found] = true;
        }
    }

    /// <summary>Drops entries whose object is gone (after prune removed objects).</summary>
    public void RemoveWhere(Func<IndexEntry, bool> predicate)
    {
        List<string> doomed = [];
        for (int i = 0; i < _loaded.EntryCount; i++)
        {
            if (!_shadowed[i] && predicate(_loaded.Read(i)))
            {
                doomed.Add(_loaded.PathOf(i));
            }
        }
        foreach (KeyValuePair<string, IndexEntry> pair in _set)
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

    // Layout after the magic: root (u16 length + UTF-8), count (i32), then the entries (see StatIndexFile).
    private static StatIndex? Parse(byte[] bytes, string root)
    {
        if (bytes.Length < Magic.Length + 2 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }
        int rootLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(Magic.Length));
        int countAt = Magic.Length + 2 + rootLength;
        if (bytes.Length < countAt + 4 || Encoding.UTF8.GetString(bytes, Magic.Length + 2, rootLength) != root)
        {
            return null;
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(countAt));
        return StatIndexFile.Parse(bytes, countAt + 4, count) is { } loaded ? new StatIndex(root, loaded) : null;
    }

    /// <summary>Writes the index (temp → rename). No fsync: losing it costs a rehash, never correctness.</summary>
    public void Save(string file, string tempFolder)
    {
        string temp = Path.Combine(tempFolder, $"index.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        using (FileStream stream = new(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            byte[] buffer = new byte[2 + (3 * 65535) + StatIndexFile.FixedEntryBytes];
            stream.Write(Magic);
            stream.Write(buffer, 0, WriteString(buffer, Root));
            BinaryPrimitives.WriteInt32LittleEndian(buffer, Count);
            stream.Write(buffer, 0, 4);
            for (int i = 0; i < _loaded.EntryCount; i++)
            {
                if (!_shadowed[i])
                {
                    stream.Write(_loaded.Raw(i));
                }
            }
            foreach (KeyValuePair<string, IndexEntry> pair in _set)
            {
                IndexEntry e = pair.Value;
                int at = WriteString(buffer, pair.Key);
                Span<byte> fixedPart = buffer.AsSpan(at, StatIndexFile.FixedEntryBytes);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart, e.Size);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[8..], e.MTimeNs);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[16..], e.CTimeNs);
                BinaryPrimitives.WriteUInt64LittleEndian(fixedPart[24..], e.Inode);
                Convert.FromHexString(e.Hash, fixedPart.Slice(32, 32), out _, out _);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[64..], e.WordCount);
                BinaryPrimitives.WriteInt64LittleEndian(fixedPart[72..], e.RecordedNs);
                stream.Write(buffer, 0, at + StatIndexFile.FixedEntryBytes);
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
