using System.Buffers;
using System.Security.Cryptography;

namespace Checkpoint.Core.Store;

/// <summary>
/// Folder tree objects (<see cref="FolderTree"/>), keyed by the SHA-256 of their bytes and kept in their own packs,
/// <c>objects/pack/tree-*.pack</c> + <c>.idx</c> (the <see cref="PackIndex"/> v2 format), apart from file contents:
/// a save writes one tree pack holding the trees it changed, and the trees of unchanged folders are shared with
/// earlier checkpoints. Every read checks the bytes against their hash, so a damaged tree is never walked.
/// </summary>
internal sealed class TreeStore(StoreLayout layout)
{
    /// <summary>File-name prefix of tree packs.</summary>
    public const string PackPrefix = "tree";

    private readonly Lock _gate = new();
    private Dictionary<ContentKey, ContentLocation>? _packed;

    public StoreLayout Layout => layout;

    private Dictionary<ContentKey, ContentLocation> Packed
    {
        get
        {
            lock (_gate)
            {
                return _packed ??= Load();
            }
        }
    }

    private Dictionary<ContentKey, ContentLocation> Load() => PackIndex.LoadAll(layout, PackFiles());

    public List<(string Pack, string Index)> PackFiles() => ObjectStore.PackFiles(layout, PackPrefix);

    public bool Contains(ContentKey key) => Packed.ContainsKey(key);

    public ContentLocation? Locate(string hash) => Packed.TryGetValue(ContentKey.FromHex(hash), out ContentLocation location) ? location : null;

    /// <summary>Makes a committed tree pack visible without rereading the indexes.</summary>
    public void AddPacked(Dictionary<ContentKey, ContentLocation> located)
    {
        if (located.Count == 0)
        {
            return;
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

    /// <summary>Forgets the indexes read so far (after a prune rewrote tree packs).</summary>
    public void ReloadPacks()
    {
        lock (_gate)
        {
            _packed = null;
        }
    }

    /// <summary>
    /// The entries of tree <paramref name="hash"/>; null when it cannot be read, with <paramref name="problem"/>
    /// ("missing", "mismatch", "unreadable") and a <paramref name="detail"/> for people.
    /// </summary>
    public List<TreeEntry>? TryRead(string hash, out string problem, out string detail)
    {
        problem = detail = "";
        if (Locate(hash) is not { } location)
        {
            (problem, detail) = ("missing", $"no tree object {hash[..12]}… in the store");
            return null;
        }
        byte[]? bytes = null;
        try
        {
            using Stream stored = StoredContent.Open(location, out long length);
            if (length is < 0 or > FolderTree.MaximumLength)
            {
                (problem, detail) = ("mismatch", $"impossible tree length {length}");
                return null;
            }
            bytes = ArrayPool<byte>.Shared.Rent((int)length + 1);
            int read = StoredContent.ReadFully(stored, bytes.AsSpan(0, (int)length + 1));
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes.AsSpan(0, read), digest);
            if (read != length || Convert.ToHexStringLower(digest) != hash)
            {
                (problem, detail) = ("mismatch", $"tree object {hash[..12]}… does not match its SHA-256");
                return null;
            }
            try
            {
                return FolderTree.Decode(bytes.AsSpan(0, read));
            }
            catch (InvalidDataException e)
            {
                // Its bytes are the ones its hash names, yet not a tree: a forged or foreign object.
                (problem, detail) = ("unreadable", e.Message);
                return null;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            (problem, detail) = ("missing", $"the pack holding tree {hash[..12]}… is gone");
            return null;
        }
        catch (InvalidDataException e)
        {
            (problem, detail) = ("mismatch", e.Message);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // I/O errors, and any damage that defeats the reader in a way no check foresaw: reported, never a crash.
            (problem, detail) = ("unreadable", e.Message);
            return null;
        }
        finally
        {
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
