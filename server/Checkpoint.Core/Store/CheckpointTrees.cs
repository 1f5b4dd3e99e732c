using System.Buffers;
using System.Security.Cryptography;

namespace Checkpoint.Core.Store;

/// <summary>
/// A checkpoint's files as folder trees: building them on save (only the trees the store lacks are written), listing
/// them back in path order, and finding one path by reading only the trees on its way.
/// </summary>
internal static class CheckpointTrees
{
    /// <summary>
    /// Encodes the trees of <paramref name="files"/> (any order; duplicates keep the first) bottom-up and adds those the
    /// store lacks to <paramref name="pack"/>; returns the root tree's hash and how many trees were new.
    /// </summary>
    public static (string Root, int NewTrees) Build(IReadOnlyList<ManifestFile> files, TreeStore trees, PackWriter pack)
    {
        ManifestFile[] sorted = [.. files];
        if (!IsSorted(sorted))
        {
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        }
        int newTrees = 0;
        ArrayBufferWriter<byte> buffer = new(1 << 16);
        TreeEntry root = BuildRange(sorted, 0, sorted.Length, 0, "", trees, pack, buffer, ref newTrees);
        return (root.Hash, newTrees);
    }

    private static bool IsSorted(ManifestFile[] files)
    {
        for (int i = 1; i < files.Length; i++)
        {
            if (string.CompareOrdinal(files[i - 1].Path, files[i].Path) > 0)
            {
                return false;
            }
        }
        return true;
    }

    // Files [start, end) all begin with the same folder prefix of length prefixLength; in ordinal order a folder's
    // files are contiguous, so each sub-folder is one sub-range.
    private static TreeEntry BuildRange(ManifestFile[] files, int start, int end, int prefixLength, string name,
        TreeStore trees, PackWriter pack, ArrayBufferWriter<byte> buffer, ref int newTrees)
    {
        List<TreeEntry> entries = [];
        long size = 0, words = 0;
        for (int i = start; i < end;)
        {
            string path = files[i].Path;
            int slash = path.IndexOf('/', prefixLength);
            if (slash < 0)
            {
                TreeEntry file = new(files[i].IsLink ? TreeEntryKind.Link : TreeEntryKind.File, path[prefixLength..], files[i].Size, files[i].Modified,
                    files[i].Hash, files[i].WordCount, files[i].IsLink ? 0 : files[i].Mode);
                if (entries.Count == 0 || FolderTree.Compare(entries[^1], file) < 0)
                {
                    entries.Add(file);
                    size += file.Size;
                    words += file.WordCount;
                }
                i++;
                continue;
            }
            int j = i + 1;
            ReadOnlySpan<char> folderPrefix = path.AsSpan(0, slash + 1);
            while (j < end && files[j].Path.AsSpan().StartsWith(folderPrefix, StringComparison.Ordinal))
            {
                j++;
            }
            TreeEntry folder = BuildRange(files, i, j, slash + 1, path[prefixLength..slash], trees, pack, buffer, ref newTrees);
            if (entries.Count == 0 || FolderTree.Compare(entries[^1], folder) < 0)
            {
                entries.Add(folder);
                size += folder.Size;
                words += folder.WordCount;
            }
            i = j;
        }
        buffer.ResetWrittenCount();
        FolderTree.Encode(entries, buffer);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, digest);
        ContentKey key = ContentKey.FromBytes(digest);
        if (!trees.Contains(key) && !pack.Contains(key) && AddTree(pack, key, buffer.WrittenSpan))
        {
            newTrees++;
        }
        return new TreeEntry(TreeEntryKind.Folder, name, size, "", Convert.ToHexStringLower(digest), words);
    }

    /// <summary>Adds one tree, a Zstandard frame (no dictionary) when that saves ≥ 10 %: names, sizes and times compress, hashes do not.</summary>
    private static bool AddTree(PackWriter pack, ContentKey key, ReadOnlySpan<byte> tree)
    {
        byte[]? compressed = ZstdCompression.TryCompress(tree, null, out int written);
        try
        {
            return compressed is null
                ? pack.TryAdd(key, tree, tree.Length, ObjectCodec.Stored)
                : pack.TryAdd(key, compressed.AsSpan(0, written), tree.Length, ObjectCodec.Zstd);
        }
        finally
        {
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }
    }

    /// <summary>Every file under tree <paramref name="root"/>, depth-first in key order (= ordinal path order).</summary>
    /// <exception cref="DamagedTreeException">A tree on the way cannot be read; it names the folder.</exception>
    public static List<ManifestFile> ListFiles(TreeStore trees, string root, string manifestPath)
    {
        List<ManifestFile> files = [];
        Collect(trees, root, "", manifestPath, files);
        return files;
    }

    private static void Collect(TreeStore trees, string hash, string prefix, string manifestPath, List<ManifestFile> files)
    {
        foreach (TreeEntry entry in Read(trees, hash, prefix, manifestPath))
        {
            if (entry.Kind != TreeEntryKind.Folder)
            {
                files.Add(ToFile(prefix + entry.Name, entry));
            }
            else
            {
                Collect(trees, entry.Hash, prefix + entry.Name + "/", manifestPath, files);
            }
        }
    }

    /// <summary>
    /// The files under tree <paramref name="root"/> that <paramref name="includeFile"/> takes, in the order of
    /// <see cref="ListFiles(TreeStore, string, string)"/>, reading only the trees of the folders <paramref name="enterFolder"/>
    /// takes (given as <c>"docs/api/"</c>); stops after <paramref name="limit"/> files. The trees of every other folder are
    /// never read, so damage there goes unseen.
    /// </summary>
    /// <exception cref="DamagedTreeException">A tree that is read cannot be; it names the folder.</exception>
    public static List<ManifestFile> ListFiles(TreeStore trees, string root, string manifestPath, Func<string, bool> enterFolder,
        Func<string, bool> includeFile, int limit = int.MaxValue)
    {
        List<ManifestFile> files = [];
        Select(trees, root, "", manifestPath, enterFolder, includeFile, limit, files);
        return files;
    }

    private static bool Select(TreeStore trees, string hash, string prefix, string manifestPath, Func<string, bool> enterFolder,
        Func<string, bool> includeFile, int limit, List<ManifestFile> files)
    {
        foreach (TreeEntry entry in Read(trees, hash, prefix, manifestPath))
        {
            if (entry.Kind != TreeEntryKind.Folder)
            {
                string path = prefix + entry.Name;
                if (includeFile(path))
                {
                    files.Add(ToFile(path, entry));
                    if (files.Count >= limit)
                    {
                        return false;
                    }
                }
            }
            else
            {
                string folder = prefix + entry.Name + "/";
                if (enterFolder(folder) && !Select(trees, entry.Hash, folder, manifestPath, enterFolder, includeFile, limit, files))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The entry of file <paramref name="path"/>, reading only the trees of its folders; null when the checkpoint has no such file.</summary>
    public static ManifestFile? Find(TreeStore trees, string root, string path, string manifestPath)
    {
        string hash = root, prefix = "";
        string[] segments = path.Split('/');
        for (int s = 0; s < segments.Length; s++)
        {
            bool last = s == segments.Length - 1;
            TreeEntry? match = null;
            foreach (TreeEntry entry in Read(trees, hash, prefix, manifestPath))
            {
                if (entry.Name == segments[s] && (entry.Kind != TreeEntryKind.Folder) == last)
                {
                    match = entry;
                    break;
                }
            }
            if (match is not { } found)
            {
                return null;
            }
            if (last)
            {
                return ToFile(path, found);
            }
            hash = found.Hash;
            prefix += found.Name + "/";
        }
        return null;
    }

    private static ManifestFile ToFile(string path, in TreeEntry entry) =>
        new(path, entry.Size, entry.Modified, entry.Hash, entry.WordCount, entry.Mode, entry.Kind == TreeEntryKind.Link);

    /// <summary>The entries of one tree, or <see cref="DamagedTreeException"/> naming <paramref name="folder"/>.</summary>
    public static List<TreeEntry> Read(TreeStore trees, string hash, string folder, string manifestPath) =>
        trees.TryRead(hash, out string problem, out string detail)
        ?? throw new DamagedTreeException(manifestPath, FolderName(folder), problem, detail);

    /// <summary>How a folder prefix is shown: <c>"/"</c> for the root, else <c>"docs/api/"</c>.</summary>
    public static string FolderName(string prefix) => prefix.Length == 0 ? "/" : prefix;
}
