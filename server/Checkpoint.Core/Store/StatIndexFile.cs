using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>
/// The entries of an index file as loaded: the file's bytes plus an open-addressing table from the UTF-8
/// path to the entry's offset. Nothing is decoded up front — a 100k-entry index would otherwise cost 200k
/// strings and a generic dictionary that a short-lived CLI process runs as unoptimised tier-0 code.
/// </summary>
internal sealed class StatIndexFile
{
    // Per entry: path (u16 length + UTF-8), size, mtime ns, ctime ns, inode (8 bytes each), SHA-256 (32 bytes),
    // word count, recorded ns (8 bytes each) — fixed-width little endian.
    public const int FixedEntryBytes = (4 * 8) + 32 + (2 * 8);

    private readonly byte[] _data;
    private readonly int[] _offsets;
    // Slot → entry number + 1 (0 = free); the capacity is a power of two at least twice the entry count.
    private readonly int[] _slots;

    private StatIndexFile(byte[] data, int[] offsets, int[] slots)
    {
        _data = data;
        _offsets = offsets;
        _slots = slots;
    }

    public static readonly StatIndexFile None = new([], [], new int[1]);

    /// <summary>Entries in file order (a path the file repeats counts once: the last one wins, as it always did).</summary>
    public int EntryCount => _offsets.Length;

    /// <summary>Builds the table over <paramref name="data"/> from <paramref name="start"/>; null when the entries are truncated.</summary>
    public static StatIndexFile? Parse(byte[] data, int start, int count)
    {
        if (count < 0 || count > (data.Length - start) / (2 + FixedEntryBytes))
        {
            return null;
        }
        int[] offsets = new int[count];
        int[] slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, count * 2))];
        int mask = slots.Length - 1;
        int at = start;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (data.Length - at < 2)
            {
                return null;
            }
            int length = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at));
            if (data.Length - at - 2 - length < FixedEntryBytes)
            {
                return null;
            }
            ReadOnlySpan<byte> path = data.AsSpan(at + 2, length);
            int slot = (int)HashOf(path) & mask;
            while (true)
            {
                int occupant = slots[slot];
                if (occupant == 0)
                {
                    offsets[kept] = at;
                    slots[slot] = ++kept;
                    break;
                }
                if (PathAt(data, offsets[occupant - 1]).SequenceEqual(path))
                {
                    offsets[occupant - 1] = at; // a repeated path: the later entry replaces the earlier
                    break;
                }
                slot = (slot + 1) & mask;
            }
            at += 2 + length + FixedEntryBytes;
        }
        return new StatIndexFile(data, kept == count ? offsets : offsets[..kept], slots);
    }

    /// <summary>The entry number of <paramref name="path"/>, or -1.</summary>
    [SkipLocalsInit]
    public int Find(string path)
    {
        if (_offsets.Length == 0)
        {
            return -1;
        }
        int most = Encoding.UTF8.GetMaxByteCount(path.Length);
        byte[]? rented = null;
        Span<byte> buffer = most <= 1024 ? stackalloc byte[1024] : (rented = new byte[most]);
        ReadOnlySpan<byte> utf8 = buffer[..Encoding.UTF8.GetBytes(path, buffer)];
        int mask = _slots.Length - 1;
        for (int slot = (int)HashOf(utf8) & mask; ; slot = (slot + 1) & mask)
        {
            int occupant = _slots[slot];
            if (occupant == 0)
            {
                return -1;
            }
            if (PathAt(_data, _offsets[occupant - 1]).SequenceEqual(utf8))
            {
                return occupant - 1;
            }
        }
    }

    public string PathOf(int entry) => Encoding.UTF8.GetString(PathAt(_data, _offsets[entry]));

    public IndexEntry Read(int entry)
    {
        int at = _offsets[entry];
        ReadOnlySpan<byte> data = _data.AsSpan(at + 2 + BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at)), FixedEntryBytes);
        return new IndexEntry(
            BinaryPrimitives.ReadInt64LittleEndian(data),
            BinaryPrimitives.ReadInt64LittleEndian(data[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(data[24..]),
            LowerHex.Encode(data.Slice(32, 32)),
            BinaryPrimitives.ReadInt64LittleEndian(data[64..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[72..]));
    }

    /// <summary>The entry exactly as stored (path and fixed part), for writing it back unchanged.</summary>
    public ReadOnlySpan<byte> Raw(int entry)
    {
        int at = _offsets[entry];
        return _data.AsSpan(at, 2 + BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at)) + FixedEntryBytes);
    }

    private static ReadOnlySpan<byte> PathAt(byte[] data, int at) =>
        data.AsSpan(at + 2, BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at)));

    // 8 bytes per step, multiply-rotate mixing: paths come from the user's own tree, so no flooding defence is needed.
    private static ulong HashOf(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        ulong hash = (ulong)bytes.Length * Prime;
        while (bytes.Length >= 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime, 27);
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }
        hash = (hash ^ tail) * Prime;
        return hash ^ (hash >> 29);
    }
}
