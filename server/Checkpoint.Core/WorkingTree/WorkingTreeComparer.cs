using Checkpoint.Core.Store;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// Decides whether a working file still holds a manifest entry's content: sizes first, then the stat
/// index (no read), then a hash of the file. A link entry matches a link with the same target text.
/// </summary>
/// <param name="hashFile">
/// SHA-256 (lowercase hex) of a whole file at a full path. The operations supply the one reader they hash content
/// with, so the working tree needs nothing from them.
/// </param>
internal sealed class WorkingTreeComparer(StatIndex? index, Func<string, string> hashFile)
{
    /// <param name="folder">The folder <paramref name="relativePath"/> is relative to (the file is only read when the index cannot vouch).</param>
    public bool SameContent(ManifestFile entry, string relativePath, string folder, FileStat stat)
    {
        if (entry.IsLink)
        {
            return LinkTargets.Same(entry, folder + "/" + relativePath, stat);
        }
        if (stat.Kind != EntryKind.File || stat.Size != entry.Size)
        {
            return false;
        }
        if (index is not null && index.TryGet(relativePath, out IndexEntry known) && known.Vouches(stat))
        {
            return known.Hash == entry.Hash;
        }
        try
        {
            return hashFile(folder + "/" + relativePath) == entry.Hash;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// False when the entry recorded a mode and the file on disk has other permission bits. A checkpoint without modes
    /// (before format 3, or saved on Windows) and a layer that reads none (Windows) compare content only, as before.
    /// </summary>
    public static bool SameMode(ManifestFile entry, FileStat stat) =>
        entry.Mode == FileModes.NotRecorded || stat.Kind != EntryKind.File || FileModes.Of(stat) == FileModes.NotRecorded ||
        FileModes.Of(stat) == entry.Mode;
}
