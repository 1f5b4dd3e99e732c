using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// Content-addressed file contents, keyed by the SHA-256 of the original bytes. Big contents are loose files:
/// <c>objects/ab/cdef…</c> holds the exact bytes whose SHA-256 is <c>abcdef…</c>, <c>objects/ab/cdef….br</c> a
/// Brotli stream of them (<see cref="ObjectCodec"/>, <see cref="ObjectCompression"/>); small ones live in packs
/// (<see cref="PackWriter"/>), each a Zstandard frame — with the store's trained dictionary once it has one
/// (<see cref="PackDictionary"/>) — when that saves ≥ 10 % (<see cref="ZstdCompression"/>). Anything
/// appears only by rename of a complete temp file, so a crash never leaves a truncated object under a real
/// name; durability is batched by the caller (one <c>syncfs</c>).
/// </summary>
internal sealed class ObjectStore
{
    private static long s_tempCounter;
    private readonly Lock _gate = new();
    private Dictionary<ContentKey, ContentLocation>? _packed;

    public ObjectStore(StoreLayout layout, int compressionMinimumLength = ObjectCompression.DefaultMinimumLength)
    {
        Layout = layout;
        CompressionMinimumLength = compressionMinimumLength;
    }

    /// <summary>Contents at least this long are compressed when that saves ≥ 10 % (Zstandard in packs, Brotli when loose).</summary>
    public int CompressionMinimumLength { get; }

    public StoreLayout Layout { get; }

    /// <summary>A fresh temp path in the store's tmp folder, unique within this process.</summary>
    public string NewTempPath(string hint) =>
        Path.Combine(Layout.Temp, $"{hint}.{Environment.ProcessId}.{Interlocked.Increment(ref s_tempCounter)}");

    /// <summary>Every packed object, from the pack indexes (read once, on first need).</summary>
    private Dictionary<ContentKey, ContentLocation> Packed
    {
        get
        {
            lock (_gate)
            {
                return _packed ??= LoadPacks();
            }
        }
    }

    private Dictionary<ContentKey, ContentLocation> LoadPacks() => PackIndex.LoadAll(Layout, PackFiles());

    /// <summary>
    /// The dictionary new packs use: the newest one in the store that reads back sound (a writer holds the lock, so only
    /// a save that trains adds one); null when there is none.
    /// </summary>
    public PackDictionary? CurrentDictionary()
    {
        foreach ((string hash, string path, _) in PackDictionary.Enumerate(Layout).OrderByDescending(static d => d.Written).ThenBy(static d => d.Hash, StringComparer.Ordinal))
        {
            PackDictionary dictionary = new(hash, path);
            if (dictionary.Problem() is null)
            {
                return dictionary;
            }
        }
        return null;
    }

    /// <summary>
    /// The dictionary for a save that will store the small new files <paramref name="candidates"/> (full paths with their
    /// sizes): the store's, or — when it has none and they are enough to learn from — one trained from an even spread
    /// of them (<see cref="PackDictionary.SampleBytes"/> at most), written to the store before any pack names it.
    /// Files that cannot be read are left out of the sample (the save itself reports them).
    /// </summary>
    public PackDictionary? DictionaryForSave(IReadOnlyList<(string Path, long Size)> candidates)
    {
        if (CurrentDictionary() is { } current)
        {
            return current;
        }
        long total = 0;
        int usable = 0;
        foreach ((_, long size) in candidates)
        {
            if (size is >= 64 and <= PackWriter.PackLimit)
            {
                total += size;
                usable++;
            }
        }
        if (total < PackDictionary.MinimumSampleBytes || usable < PackDictionary.MinimumSampleFiles)
        {
            return null;
        }
        // Every step-th usable file, so the sample spans the whole save (folders differ), up to the byte budget.
        double step = Math.Max(1.0, (double)total / PackDictionary.SampleBytes);
        List<byte[]> samples = [];
        double next = 0;
        long taken = 0, seen = 0;
        foreach ((string path, long size) in candidates)
        {
            if (size is < 64 or > PackWriter.PackLimit)
            {
                continue;
            }
            seen += size;
            if (seen < next || taken >= PackDictionary.SampleBytes)
            {
                continue;
            }
            next += step * size;
            try
            {
                byte[] bytes = File.ReadAllBytes(path);
                if (bytes.Length is >= 64 and <= PackWriter.PackLimit)
                {
                    samples.Add(bytes);
                    taken += bytes.Length;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        if (samples.Count < PackDictionary.MinimumSampleFiles || ZstdCompression.Train(samples) is not { } trained)
        {
            return null;
        }
        return PackDictionary.Write(Layout, trained, NewTempPath("dict"));
    }

    /// <summary>Each content pack with its index (packs lacking an index are left to <see cref="StoreMaintenance"/>).</summary>
    public List<(string Pack, string Index)> PackFiles() => PackFiles(Layout, PackWriter.ContentPrefix);

    /// <summary>Each pack named <c>&lt;prefix&gt;-*.pack</c> with its index: content packs and tree packs never mix.</summary>
    public static List<(string Pack, string Index)> PackFiles(StoreLayout layout, string prefix)
    {
        List<(string, string)> packs = [];
        if (!Directory.Exists(layout.Packs))
        {
            return packs;
        }
        foreach (string index in Directory.EnumerateFiles(layout.Packs, prefix + "-*.idx"))
        {
            string pack = Path.ChangeExtension(index, ".pack");
            if (File.Exists(pack))
            {
                packs.Add((pack, index));
            }
        }
        return packs;
    }

    /// <summary>Where the content <paramref name="hash"/> is stored, or null when the store does not have it.</summary>
    public ContentLocation? Locate(string hash)
    {
        if (Packed.TryGetValue(ContentKey.FromHex(hash), out ContentLocation packed))
        {
            return packed;
        }
        return LocateLoose(hash);
    }

    /// <summary>Suffix of a loose object kept as a Brotli stream.</summary>
    public const string CompressedSuffix = ".br";

    private ContentLocation? LocateLoose(string hash)
    {
        string loose = Layout.ObjectPath(hash);
        if (File.Exists(loose))
        {
            return new ContentLocation(loose, 0, -1);
        }
        return File.Exists(loose + CompressedSuffix) ? new ContentLocation(loose + CompressedSuffix, 0, -1, ObjectCodec.Brotli) : null;
    }

    public bool Contains(string hash) => Locate(hash) is not null;

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="hash"/> unless the store (or this save's
    /// <paramref name="pack"/>) has it already; true when written.
    /// </summary>
    public bool Write(string hash, ReadOnlySpan<byte> content, PackWriter? pack)
    {
        ContentKey key = ContentKey.FromHex(hash);
        bool packing = pack is not null && content.Length <= PackWriter.PackLimit;
        // A small content may be loose from before packs existed (always stored as is, hence one stat).
        bool stored = packing ? pack!.Contains(key) || File.Exists(Layout.ObjectPath(hash)) : LocateLoose(hash) is not null;
        if (stored || Packed.ContainsKey(key))
        {
            return false;
        }
        // Compressed here, on the caller's thread: saves hash and compress on every core at once.
        byte[]? compressed;
        int compressedLength = 0;
        ObjectCodec codec;
        if (packing)
        {
            PackDictionary? dictionary = pack!.Dictionary;
            compressed = content.Length >= CompressionMinimumLength ? ZstdCompression.TryCompress(content, dictionary, out compressedLength) : null;
            codec = compressed is null ? ObjectCodec.Stored : dictionary is null ? ObjectCodec.Zstd : ObjectCodec.ZstdDictionary;
        }
        else
        {
            compressed = ObjectCompression.TryCompress(content, CompressionMinimumLength, out compressedLength);
            codec = compressed is null ? ObjectCodec.Stored : ObjectCodec.Brotli;
        }
        try
        {
            ReadOnlySpan<byte> bytes = compressed is null ? content : compressed.AsSpan(0, compressedLength);
            if (packing)
            {
                return pack!.TryAdd(key, bytes, content.Length, codec);
            }
            string temp = NewTempPath(hash);
            using (SafeFileHandle handle = FileSystem.Current.CreateNew(temp))
            {
                RandomAccess.Write(handle, bytes, 0);
                FileSystem.Current.WroteStoreFile(handle);
            }
            File.Move(temp, LoosePath(hash, codec), overwrite: true);
            return true;
        }
        finally
        {
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }
    }

    private string LoosePath(string hash, ObjectCodec codec) =>
        codec == ObjectCodec.Stored ? Layout.ObjectPath(hash) : Layout.ObjectPath(hash) + CompressedSuffix;

    /// <summary>Moves a complete temp file (encoded with <paramref name="codec"/>) into place as loose object <paramref name="hash"/>, or drops it when the store has that content.</summary>
    public bool Adopt(string temp, string hash, ObjectCodec codec)
    {
        if (Contains(hash))
        {
            File.Delete(temp);
            return false;
        }
        File.Move(temp, LoosePath(hash, codec), overwrite: true);
        return true;
    }

    /// <summary>Makes a committed pack's objects visible to <see cref="Locate"/> without rereading indexes.</summary>
    public void AddPacked(Dictionary<ContentKey, ContentLocation> located)
    {
        if (located.Count == 0)
        {
            return; // and no reason to read the pack indexes
        }
        Dictionary<ContentKey, ContentLocation> packed = Packed;
        lock (_gate)
        {
            foreach ((ContentKey key, ContentLocation location) in located)
            {
                packed.TryAdd(key, location);
            }
        }
    }

    /// <summary>Forgets the pack indexes read so far (after a prune rewrote packs).</summary>
    public void ReloadPacks()
    {
        lock (_gate)
        {
            _packed = null;
        }
    }

    /// <summary>Every loose object on disk: its hash, path and size on disk.</summary>
    public IEnumerable<(string Hash, string Path, long Size)> EnumerateLoose()
    {
        if (!Directory.Exists(Layout.Objects))
        {
            yield break;
        }
        foreach (string fanout in Directory.EnumerateDirectories(Layout.Objects))
        {
            string prefix = Path.GetFileName(fanout);
            if (prefix.Length != 2)
            {
                continue;
            }
            foreach (FileInfo file in new DirectoryInfo(fanout).EnumerateFiles())
            {
                string name = file.Name.EndsWith(CompressedSuffix, StringComparison.Ordinal) ? file.Name[..^CompressedSuffix.Length] : file.Name;
                yield return (prefix + name, file.FullName, file.Length);
            }
        }
    }
}
