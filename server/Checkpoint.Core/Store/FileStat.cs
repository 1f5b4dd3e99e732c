namespace Checkpoint.Core.Store;

/// <summary>The kind of a directory entry, as <c>lstat</c> sees it (links are never followed).</summary>
internal enum EntryKind : byte
{
    Missing,
    File,
    Directory,
    SymbolicLink,
    /// <summary>Something else whose kind the layer cannot tell (the portable layer never reports one).</summary>
    Other,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    /// <summary>
    /// A listing's entry whose name is not valid UTF-8 (legal on Linux: names are bytes). A path string cannot
    /// name it, so nothing can be read or written through it; its <see cref="DirectoryEntry.Stat"/> says what it is.
    /// </summary>
    InvalidName,
}

/// <summary>What one <c>lstat</c> tells us about an entry; enough to decide whether its content may have changed.</summary>
/// <param name="Mode">The <c>st_mode</c> (type and permission bits), or 0 where the layer cannot read it (Windows has no such bits).</param>
internal readonly record struct FileStat(EntryKind Kind, long Size, long MTimeNs, long CTimeNs, ulong Inode, int Mode = 0)
{
    public static readonly FileStat Missing = new(EntryKind.Missing, 0, 0, 0, 0);

    public bool IsFile => Kind == EntryKind.File;

    /// <summary>Modification time as a local <see cref="DateTime"/> (the seed writes local times).</summary>
    public DateTime ModifiedLocal => DateTime.UnixEpoch.AddTicks(MTimeNs / 100).ToLocalTime();
}
