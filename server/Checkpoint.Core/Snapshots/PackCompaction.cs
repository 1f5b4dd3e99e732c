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
            List<(ContentKey Key, long Offset, long Length)> entries = PackIndex.Read(index);
            List<(ContentKey Key, long Offset, long Length)> live = [];
            List<string> dead = [];
            foreach ((ContentKey key, long offset, long length) in entries)
            {
                string hash = key.ToHex();
                if (referenced.Contains(hash))
                {
                    live.Add((key, offset, length));
                }
                else
                {
                    dead.Add(hash);
                    bytes += length;
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

    private static void Rewrite(Workspace workspace, string pack, List<(ContentKey Key, long Offset, long Length)> live)
    {
        using PackWriter writer = new(workspace.Layout);
        using (SafeFileHandle source = NativeFileSystem.OpenRead(pack))
        {
            byte[] buffer = new byte[PackWriter.PackLimit];
            foreach ((ContentKey key, long offset, long length) in live)
            {
                Span<byte> content = buffer.AsSpan(0, (int)length);
                int total = 0, read;
                while (total < content.Length && (read = RandomAccess.Read(source, content[total..], offset + total)) > 0)
                {
                    total += read;
                }
                writer.TryAdd(key, content[..total]);
            }
        }
        writer.Commit();
        NativeFileSystem.SyncFileSystem(workspace.Layout.Packs);
    }
}
