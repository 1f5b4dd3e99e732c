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
        Builder builder = new(sorted, trees, pack);
        Span<byte> digest = stackalloc byte[32];
        builder.BuildRange(0, sorted.Length, 0, 0, digest, out _, out _);
        return (Convert.ToHexStringLower(digest), builder.NewTrees);
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

    /// <summary>
    /// Encodes the trees straight from the sorted paths: each entry's name is a slice of its path and a sub-folder's
    /// hash stays bytes, so a 100k-file save makes no name string or hex round trip per file. One entry buffer per depth
    /// (a folder's entries are written while its sub-folders are built below it) and one for the finished tree.
    /// </summary>
    private sealed class Builder(ManifestFile[] files, TreeStore trees, PackWriter pack)
    {
        private readonly List<ArrayBufferWriter<byte>> _levels = [];
        private readonly ArrayBufferWriter<byte> _tree = new(1 << 16);

        public int NewTrees { get; private set; }

        // Files [start, end) all begin with the same folder prefix of length prefixLength; in ordinal order a folder's
        // files are contiguous, so each sub-folder is one sub-range. Entries keep the first of a repeated key.
        public void BuildRange(int start, int end, int prefixLength, int depth, Span<byte> digest, out long size, out long words)
        {
            if (_levels.Count == depth)
            {
                _levels.Add(new ArrayBufferWriter<byte>(1 << 12));
            }
            ArrayBufferWriter<byte> body = _levels[depth];
            body.ResetWrittenCount();
            int count = 0;
            size = 0;
            words = 0;
            // The key of the last entry written: a slice of lastSource, and whether it is a folder's.
            string lastSource = "";
            int lastStart = 0, lastLength = 0;
            bool lastFolder = false;
            Span<byte> hash = stackalloc byte[32];
            for (int i = start; i < end;)
            {
                ManifestFile file = files[i];
                string path = file.Path;
                int slash = path.IndexOf('/', prefixLength);
                if (slash < 0)
                {
                    ReadOnlySpan<char> name = path.AsSpan(prefixLength);
                    if (count == 0 || FolderTree.CompareKeys(lastSource.AsSpan(lastStart, lastLength), lastFolder, name, false) < 0)
                    {
                        Convert.FromHexString(file.Hash, hash, out _, out _);
                        FolderTree.AppendEntry(body, file.IsLink ? TreeEntryKind.Link : TreeEntryKind.File, name, file.Size, file.Modified,
                            hash, file.WordCount, file.IsLink ? 0 : file.Mode);
                        count++;
                        size += file.Size;
                        words += file.WordCount;
                        (lastSource, lastStart, lastLength, lastFolder) = (path, prefixLength, name.Length, false);
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
                BuildRange(i, j, slash + 1, depth + 1, hash, out long folderSize, out long folderWords);
                ReadOnlySpan<char> folderName = path.AsSpan(prefixLength, slash - prefixLength);
                if (count == 0 || FolderTree.CompareKeys(lastSource.AsSpan(lastStart, lastLength), lastFolder, folderName, true) < 0)
                {
                    FolderTree.AppendEntry(body, TreeEntryKind.Folder, folderName, folderSize, "", hash, folderWords, 0);
                    count++;
                    size += folderSize;
                    words += folderWords;
                    (lastSource, lastStart, lastLength, lastFolder) = (path, prefixLength, folderName.Length, true);
                }
                i = j;
            }
            _tree.ResetWrittenCount();
            FolderTree.AppendHeader(_tree, count);
            body.WrittenSpan.CopyTo(_tree.GetSpan(body.WrittenCount));
            _tree.Advance(body.WrittenCount);
            SHA256.HashData(_tree.WrittenSpan, digest);
            ContentKey key = ContentKey.FromBytes(digest);
            if (!trees.Contains(key) && !pack.Contains(key) && AddTree(pack, key, _tree.WrittenSpan))
            {
                NewTrees++;
            }
        }
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
