using System.Buffers;
using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>What a tree entry is.</summary>
internal enum TreeEntryKind : byte
{
    File = 1,
    Folder = 2,
    /// <summary>A symbolic link (<c>CKPTTRE2</c> only): its content is its target text.</summary>
    Link = 3,
}

/// <summary>
/// One entry of a folder tree. A file: its size, modified time (the seed's <c>yyyy-MM-ddTHH:mm:ss</c>), the SHA-256 of
/// its content, its word count and its mode (<see cref="FileModes"/>; 0 when none was recorded). A link: the same, its
/// content being its target text, mode 0. A folder: the totals of everything below it (size, word count), no modified
/// time, mode 0, and the SHA-256 of its own tree object.
/// </summary>
internal readonly record struct TreeEntry(TreeEntryKind Kind, string Name, long Size, string Modified, string Hash, long WordCount, int Mode = 0);

/// <summary>A tree object that cannot be read: gone, not the bytes its hash names, or malformed.</summary>
/// <param name="folder">The folder the tree held, root-relative with a trailing <c>/</c> (<c>"/"</c>: the root).</param>
/// <param name="problem">"missing", "mismatch" or "unreadable", as for file contents.</param>
internal sealed class DamagedTreeException(string manifestPath, string folder, string problem, string detail)
    : UnreadableManifestException(manifestPath, $"the tree of folder '{folder}' is {(problem == "missing" ? "missing" : "damaged")} ({detail})")
{
    public string Folder { get; } = folder;
    public string Problem { get; } = problem;
}

/// <summary>
/// The binary form of one folder tree object. A reader needs only this:
/// <code>
/// "CKPTTRE2"                      8 bytes, magic ("CKPTTRE1": format 2, written before modes and links)
/// count                           varint: number of entries
/// count × entry, sorted by key    key = name for a file or link, name + "/" for a folder; ordinal (UTF-16 code unit)
///                                 order, which is git's tree order and makes a depth-first walk list paths in ordinal order
///   kind                          1 byte: 1 file, 2 folder, 3 symbolic link (CKPTTRE1: 1 or 2)
///   name                          varint byte length, UTF-8; never empty, ".", ".." or containing "/", "\" or NUL
///   size                          varint: file size (a link: its target's byte length), or the total size below a folder
///   modified                      varint byte length, ASCII (a folder: length 0)
///   hash                          32 bytes: SHA-256 of the content (a link: of its target text), or of the sub-folder's tree
///   word_count                    varint: the file's words, or the total below a folder
///   mode                          varint, CKPTTRE2 only: a file's 0o100000 + permission bits (0o100644, 0o100755), or 0
///                                 when none was recorded; always 0 for a folder or a link
/// </code>
/// Varints are unsigned LEB128 (7 bits per byte, low first, at most 10 bytes). The tree's own key in the store is the
/// SHA-256 of these bytes, so an unchanged folder has the same tree in every checkpoint and is stored once.
/// </summary>
internal static class FolderTree
{
    private static readonly byte[] Magic = "CKPTTRE2"u8.ToArray();
    private static readonly byte[] MagicBeforeModes = "CKPTTRE1"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Trees bigger than this are damage, not an allocation (a folder of 1M files encodes to ~80 MB).</summary>
    public const int MaximumLength = 256 << 20;

    /// <summary>The sort key comparison of two entries (a folder sorts as "name/").</summary>
    public static int Compare(in TreeEntry a, in TreeEntry b) =>
        CompareKeys(a.Name, a.Kind == TreeEntryKind.Folder, b.Name, b.Kind == TreeEntryKind.Folder);

    /// <summary>Encodes <paramref name="entries"/>, which must already be in key order, as a <c>CKPTTRE2</c> tree.</summary>
    public static void Encode(IReadOnlyList<TreeEntry> entries, ArrayBufferWriter<byte> output)
    {
        AppendHeader(output, entries.Count);
        Span<byte> digest = stackalloc byte[32];
        foreach (TreeEntry entry in entries)
        {
            Convert.FromHexString(entry.Hash, digest, out _, out _);
            AppendEntry(output, entry.Kind, entry.Name, entry.Size, entry.Modified, digest, entry.WordCount, entry.Mode);
        }
    }

    /// <summary>The magic and entry count that start a <c>CKPTTRE2</c> tree; <see cref="AppendEntry"/> writes the entries after it.</summary>
    public static void AppendHeader(ArrayBufferWriter<byte> output, int count)
    {
        Append(output, Magic);
        AppendVarint(output, (ulong)count);
    }

    /// <summary>One entry of a <c>CKPTTRE2</c> tree, from spans (a save encodes names straight from the files' paths).</summary>
    public static void AppendEntry(ArrayBufferWriter<byte> output, TreeEntryKind kind, ReadOnlySpan<char> name, long size,
        ReadOnlySpan<char> modified, ReadOnlySpan<byte> hash, long wordCount, int mode)
    {
        output.GetSpan(1)[0] = (byte)kind;
        output.Advance(1);
        AppendString(output, name);
        AppendVarint(output, (ulong)size);
        AppendString(output, modified);
        Append(output, hash);
        AppendVarint(output, (ulong)wordCount);
        AppendVarint(output, (ulong)mode);
    }

    /// <summary><see cref="Compare(in TreeEntry, in TreeEntry)"/> of two keys given as a name and whether it is a folder's.</summary>
    public static int CompareKeys(ReadOnlySpan<char> x, bool xFolder, ReadOnlySpan<char> y, bool yFolder)
    {
        int common = Math.Min(x.Length, y.Length);
        for (int i = 0; i < common; i++)
        {
            if (x[i] != y[i])
            {
                return x[i] - y[i];
            }
        }
        return NextChar(x, xFolder, common) - NextChar(y, yFolder, common);
    }

    private static int NextChar(ReadOnlySpan<char> name, bool folder, int at) =>
        at < name.Length ? name[at] : folder ? '/' : -1;

    /// <summary>Decodes and checks a tree object (either magic); any deviation from the format above is <see cref="InvalidDataException"/>.</summary>
    public static List<TreeEntry> Decode(ReadOnlySpan<byte> bytes)
    {
        bool withModes = bytes.StartsWith(Magic);
        if (!withModes && !bytes.StartsWith(MagicBeforeModes))
        {
            throw new InvalidDataException("not a tree object (no CKPTTRE1 or CKPTTRE2 magic)");
        }
        int at = Magic.Length;
        ulong count = ReadVarint(bytes, ref at);
        // Each entry takes at least 1 + 1 + 1 + 1 + 32 + 1 bytes (and a mode byte in CKPTTRE2): a count beyond that is damage.
        if (count > (ulong)(bytes.Length - at) / (withModes ? 38UL : 37UL))
        {
            throw new InvalidDataException($"entry count {count} does not fit the {bytes.Length} bytes");
        }
        List<TreeEntry> entries = new((int)count);
        for (ulong i = 0; i < count; i++)
        {
            if (at >= bytes.Length)
            {
                throw new InvalidDataException("tree cut short");
            }
            TreeEntryKind kind = (TreeEntryKind)bytes[at++];
            if (kind is not (TreeEntryKind.File or TreeEntryKind.Folder) && !(withModes && kind == TreeEntryKind.Link))
            {
                throw new InvalidDataException($"unknown entry kind {(byte)kind}");
            }
            string name = ReadString(bytes, ref at);
            if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0') || name.Contains('\\'))
            {
                throw new InvalidDataException($"invalid entry name '{name}'");
            }
            long size = ToLong(ReadVarint(bytes, ref at));
            string modified = ReadString(bytes, ref at);
            if (at + 32 > bytes.Length)
            {
                throw new InvalidDataException("tree cut short");
            }
            string hash = Convert.ToHexStringLower(bytes.Slice(at, 32));
            at += 32;
            long words = ToLong(ReadVarint(bytes, ref at));
            int mode = 0;
            if (withModes)
            {
                ulong read = ReadVarint(bytes, ref at);
                if (kind == TreeEntryKind.File ? read > int.MaxValue || !FileModes.IsValid((int)read) : read != 0)
                {
                    throw new InvalidDataException($"invalid mode {Convert.ToString((long)Math.Min(read, long.MaxValue), 8)} of '{name}'");
                }
                mode = (int)read;
            }
            TreeEntry entry = new(kind, name, size, modified, hash, words, mode);
            if (entries.Count > 0 && Compare(entries[^1], entry) >= 0)
            {
                throw new InvalidDataException($"entries out of order at '{name}'");
            }
            entries.Add(entry);
        }
        if (at != bytes.Length)
        {
            throw new InvalidDataException("trailing bytes after the last entry");
        }
        return entries;
    }

    private static long ToLong(ulong value) =>
        value <= long.MaxValue ? (long)value : throw new InvalidDataException("number out of range");

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void AppendString(ArrayBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        AppendVarint(output, (ulong)length);
        output.Advance(Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    private static void AppendVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        Span<byte> span = output.GetSpan(10);
        int written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[written++] = (byte)value;
        output.Advance(written);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (at >= bytes.Length)
            {
                throw new InvalidDataException("tree cut short");
            }
            byte b = bytes[at++];
            if (shift == 63 && b > 1)
            {
                throw new InvalidDataException("number out of range");
            }
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("number out of range");
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong length = ReadVarint(bytes, ref at);
        if (length > (ulong)(bytes.Length - at))
        {
            throw new InvalidDataException("tree cut short");
        }
        string value;
        try
        {
            value = StrictUtf8.GetString(bytes.Slice(at, (int)length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("a name is not valid UTF-8", e);
        }
        at += (int)length;
        return value;
    }
}
