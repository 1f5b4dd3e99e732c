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
        long objects = 0, bytes = 0;
        bool rewrote = false;
        foreach ((string pack, string index) in workspace.Objects.PackFiles())
        {
            List<PackEntry> entries = PackIndex.Read(index);
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
                Rewrite(workspace, pack, live);
            }
            // The index goes first: a pack without an index is mere garbage, never a dangling reference.
            File.Delete(index);
            File.Delete(pack);
            removed.UnionWith(dead);
            rewrote = true;
        }
        if (rewrote)
        {
            workspace.Objects.ReloadPacks();
        }
        return (objects, bytes);
    }

    // Live objects keep their stored bytes and codec as they are: compaction never decodes (an old pack's
    // objects stay uncompressed; they are still read correctly through the new pack's v2 index).
    private static void Rewrite(Workspace workspace, string pack, List<PackEntry> live)
    {
        using PackWriter writer = new(workspace.Layout);
        using (SafeFileHandle source = FileSystem.Current.OpenRead(pack))
        {
            long packLength = RandomAccess.GetLength(source);
            byte[] buffer = new byte[PackWriter.PackLimit];
            foreach (PackEntry entry in live)
            {
                if (entry.Length is < 0 or > PackWriter.PackLimit || entry.Offset < 0 || entry.Offset > packLength - entry.Length)
                {
                    continue; // a damaged index entry: nothing sound to carry over (verify reports the file)
                }
                Span<byte> stored = buffer.AsSpan(0, StoredContent.ReadFully(source, buffer.AsSpan(0, (int)entry.Length), entry.Offset));
                writer.TryAdd(entry.Key, stored, entry.ContentLength, entry.Codec);
            }
        }
        writer.Commit();
        FileSystem.Current.SyncFileSystem(workspace.Layout.Packs);
    }
}
