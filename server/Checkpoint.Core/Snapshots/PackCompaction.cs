using Checkpoint.Core.Store;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Garbage collection inside packs: a pack whose objects are all unreferenced is deleted; one with some
/// live objects is rewritten with only those (new pack committed and synced before the old one goes).
/// </summary>
internal static class PackCompaction
{
    /// <summary>Removes (or, on a dry run, counts) the unreferenced packed objects; adds their hashes to <paramref name="removed"/>.</summary>
    public static (long Objects, long Bytes) Compact(Workspace workspace, HashSet<string> referenced, bool dryRun, HashSet<string> removed)
    {
        (long objects, long bytes, bool rewrote) = Compact(workspace, workspace.Objects.PackFiles(), PackWriter.ContentPrefix, PackWriter.PackLimit, referenced, dryRun, removed);
        if (rewrote)
        {
            workspace.Objects.ReloadPacks();
        }
        return (objects, bytes);
    }

    /// <summary>The same for tree packs: trees no remaining checkpoint reaches go.</summary>
    public static (long Objects, long Bytes) CompactTrees(Workspace workspace, HashSet<string> referenced, bool dryRun)
    {
        (long objects, long bytes, bool rewrote) = Compact(workspace, workspace.Trees.PackFiles(), TreeStore.PackPrefix, FolderTree.MaximumLength, referenced, dryRun, []);
        if (rewrote)
        {
            workspace.Trees.ReloadPacks();
        }
        return (objects, bytes);
    }

    /// <summary>
    /// Deletes (or, on a dry run, counts) the dictionaries no pack index names any more; returns their bytes. The next
    /// save that packs enough new content trains a new one.
    /// </summary>
    public static long DropUnusedDictionaries(Workspace workspace, bool dryRun)
    {
        HashSet<string> named = new(StringComparer.Ordinal);
        foreach ((_, string index) in workspace.Objects.PackFiles().Concat(workspace.Trees.PackFiles()))
        {
            if (PackIndex.ReadContents(index).Dictionary is { } hash)
            {
                named.Add(hash);
            }
        }
        long bytes = 0;
        foreach ((string hash, string path, _) in PackDictionary.Enumerate(workspace.Layout).ToList())
        {
            if (named.Contains(hash))
            {
                continue;
            }
            // A dry run deletes no pack, so every dictionary stays named and is not counted (a real prune may free its 32 KB).
            if (!dryRun)
            {
                bytes += new FileInfo(path).Length;
                File.Delete(path);
            }
        }
        return bytes;
    }

    private static (long Objects, long Bytes, bool Rewrote) Compact(Workspace workspace, List<(string Pack, string Index)> packs, string prefix, int entryLimit,
        HashSet<string> referenced, bool dryRun, HashSet<string> removed)
    {
        long objects = 0, bytes = 0;
        bool rewrote = false;
        foreach ((string pack, string index) in packs)
        {
            PackIndexContents contents = PackIndex.ReadContents(index);
            List<PackEntry> entries = contents.Entries;
            List<PackEntry> live = [];
            List<string> dead = [];
            foreach (PackEntry entry in entries)
            {
                string hash = entry.Key.ToHex();
                if (referenced.Contains(hash))
                {
                    live.Add(entry);
                }
                else
                {
                    dead.Add(hash);
                    bytes += entry.Length;
                }
            }
            if (dead.Count == 0)
            {
                continue;
            }
            objects += dead.Count;
            if (dryRun)
            {
                continue;
            }
            if (live.Count > 0)
            {
                Rewrite(workspace, pack, live, contents.Dictionary, prefix, entryLimit);
            }
            // The index goes first: a pack without an index is mere garbage, never a dangling reference.
            File.Delete(index);
            File.Delete(pack);
            removed.UnionWith(dead);
            rewrote = true;
        }
        return (objects, bytes, rewrote);
    }

    // Live objects keep their stored bytes, codec and dictionary as they are: compaction never re-encodes (an old pack's
    // objects stay uncompressed or Brotli; they are still read correctly through the new pack's v3 index). A v3 entry keeps
    // its checksum, so damage it had stays detectable; an old compressed entry (no checksum) is decoded and hashed first and
    // gets a checksum only when it is sound — a damaged one gets one that cannot match, so verify still reports it.
    private static void Rewrite(Workspace workspace, string pack, List<PackEntry> live, string? dictionary, string prefix, int entryLimit)
    {
        PackDictionary? named = dictionary is null ? null : new PackDictionary(dictionary, PackDictionary.PathOf(workspace.Layout, dictionary));
        using PackWriter writer = new(workspace.Layout, prefix, named);
        using (SafeFileHandle source = FileSystem.Current.OpenRead(pack))
        {
            long packLength = RandomAccess.GetLength(source);
            byte[] buffer = [];
            foreach (PackEntry entry in live)
            {
                if (entry.Length is < 0 || entry.Length > entryLimit || entry.Offset < 0 || entry.Offset > packLength - entry.Length)
                {
                    continue; // a damaged index entry: nothing sound to carry over (verify reports the file)
                }
                if (entry.Codec == ObjectCodec.ZstdDictionary && named is null)
                {
                    continue; // an entry its pack cannot decode: the same
                }
                if (buffer.Length < entry.Length)
                {
                    // Grown to the biggest live entry: a tree may exceed the content packs' 256 KB.
                    buffer = new byte[Math.Max(entry.Length, Math.Min(entryLimit, PackWriter.PackLimit))];
                }
                Span<byte> stored = buffer.AsSpan(0, StoredContent.ReadFully(source, buffer.AsSpan(0, (int)entry.Length), entry.Offset));
                ulong? checksum = entry.HasChecksum ? entry.Checksum : null;
                if (!entry.HasChecksum && entry.Codec != ObjectCodec.Stored && !SoundOldEntry(pack, entry))
                {
                    checksum = ~PackIndex.Checksum(stored);
                }
                writer.TryAdd(entry.Key, stored, entry.ContentLength, entry.Codec, checksum);
            }
        }
        writer.Commit();
        FileSystem.Current.SyncFileSystem(workspace.Layout.Packs);
    }

    private static bool SoundOldEntry(string pack, PackEntry entry)
    {
        try
        {
            return ContentIngest.HashStored(PackIndex.Location(pack, entry, null)) == entry.Key.ToHex();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
