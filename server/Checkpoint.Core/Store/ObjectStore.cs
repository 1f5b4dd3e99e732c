using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// Content-addressed file contents. Big contents are loose files, <c>objects/ab/cdef…</c>, holding the exact
/// bytes whose SHA-256 is <c>abcdef…</c>; small ones live in packs (<see cref="PackWriter"/>). Anything
/// appears only by rename of a complete temp file, so a crash never leaves a truncated object under a real
/// name; durability is batched by the caller (one <c>syncfs</c>).
/// </summary>
internal sealed class ObjectStore
{
    private static long s_tempCounter;
    private readonly Lock _gate = new();
    private Dictionary<ContentKey, ContentLocation>? _packed;

    public ObjectStore(StoreLayout layout) => Layout = layout;

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

    private Dictionary<ContentKey, ContentLocation> LoadPacks()
    {
        Dictionary<ContentKey, ContentLocation> packed = [];
        foreach ((string pack, string index) in PackFiles())
        {
            foreach ((ContentKey key, long offset, long length) in PackIndex.Read(index))
            {
                packed.TryAdd(key, new ContentLocation(pack, offset, length));
            }
        }
        return packed;
    }

    /// <summary>Each pack with its index (packs lacking an index are left to <see cref="StoreMaintenance"/>).</summary>
    public List<(string Pack, string Index)> PackFiles()
    {
        List<(string, string)> packs = [];
        if (!Directory.Exists(Layout.Packs))
        {
            return packs;
        }
        foreach (string index in Directory.EnumerateFiles(Layout.Packs, "*.idx"))
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
        string loose = Layout.ObjectPath(hash);
        return File.Exists(loose) ? new ContentLocation(loose, 0, -1) : null;
    }

    public bool Contains(string hash) => Locate(hash) is not null;

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="hash"/> unless the store (or this save's
    /// <paramref name="pack"/>) has it already; true when written.
    /// </summary>
    public bool Write(string hash, ReadOnlySpan<byte> content, PackWriter? pack)
    {
        ContentKey key = ContentKey.FromHex(hash);
        if (Packed.ContainsKey(key) || File.Exists(Layout.ObjectPath(hash)))
        {
            return false;
        }
        if (pack is not null && content.Length <= PackWriter.PackLimit)
        {
            return pack.TryAdd(key, content);
        }
        string temp = NewTempPath(hash);
        using (SafeFileHandle handle = NativeFileSystem.CreateNew(temp))
        {
            RandomAccess.Write(handle, content, 0);
        }
        File.Move(temp, Layout.ObjectPath(hash), overwrite: true);
        return true;
    }

    /// <summary>Moves a complete temp file into place as loose object <paramref name="hash"/>, or drops it when the store has that content.</summary>
    public bool Adopt(string temp, string hash)
    {
        if (Contains(hash))
        {
            File.Delete(temp);
            return false;
        }
        File.Move(temp, Layout.ObjectPath(hash), overwrite: true);
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

    /// <summary>Every loose object on disk: its hash, path and size.</summary>
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
                yield return (prefix + file.Name, file.FullName, file.Length);
            }
        }
    }

    /// <summary>Opens stored content for reading: the handle, where the content starts, and how long it is.</summary>
    public static (SafeFileHandle Handle, long Offset, long Length) Open(ContentLocation location)
    {
        SafeFileHandle handle = NativeFileSystem.OpenRead(location.Path);
        try
        {
            long length = location.IsWholeFile ? RandomAccess.GetLength(handle) : location.Length;
            return (handle, location.Offset, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
