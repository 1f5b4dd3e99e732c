using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// One entry of a directory listing: its path (the caller's prefix, then the name — built once, as the walk
/// needs it) and its kind; regular files come with their stat, other kinds with zeros.
/// </summary>
internal readonly record struct DirectoryEntry(string Path, int NameStart, EntryKind Kind, FileStat Stat)
{
    public ReadOnlySpan<char> Name => Path.AsSpan(NameStart);
}

/// <summary>
/// The file-system calls the engine makes beyond .NET's File and Directory: a folder listing with each file's
/// stat, lstat, realpath, opening without advisory locks, making writes durable, and telling whether a lock
/// owner still runs. Two implementations, split by file as restic splits its platform code:
/// <see cref="LinuxFileSystem"/> (FileSystem.Linux.cs: statx, readdir64, syncfs — the fewest syscalls a
/// 100k-file walk can make) and <see cref="PortableFileSystem"/> (FileSystem.Portable.cs: .NET's own APIs, for
/// macOS, Windows and every other system). <see cref="FileSystem.Current"/> is chosen once, at start.
/// </summary>
internal interface IFileSystem
{
    /// <summary>"linux" or "portable" (what <see cref="FileSystem.Variable"/> accepts).</summary>
    string Name { get; }

    /// <summary>Which names this system's folders can hold; a restore skips the ones they cannot.</summary>
    NameRules Names { get; }

    /// <summary>
    /// Every entry of <paramref name="folder"/> except <c>.</c> and <c>..</c>; regular files come with their stat.
    /// Null when the folder cannot be read (gone, or no permission).
    /// </summary>
    /// <param name="prefix">Put before each name to form <see cref="DirectoryEntry.Path"/> (e.g. the folder's relative path and a slash).</param>
    List<DirectoryEntry>? List(string folder, string prefix);

    /// <summary><c>lstat</c> of <paramref name="path"/> (a link is never followed); <see cref="FileStat.Missing"/> when it does not exist.</summary>
    FileStat LStat(string path);

    /// <summary>The canonical path with every link resolved, or null when it does not exist (or dangles).</summary>
    string? RealPath(string path);

    /// <summary>Opens an existing file for reading; the handle works with <see cref="RandomAccess"/>.</summary>
    SafeFileHandle OpenRead(string path);

    /// <summary>Creates a new file for writing; an existing one fails with <see cref="IOException"/>.</summary>
    SafeFileHandle CreateNew(string path);

    /// <summary>
    /// The caller has written all of a new store file through <paramref name="handle"/> and is about to close it:
    /// its bytes must be on disk once the next <see cref="SyncFileSystem"/> returns.
    /// </summary>
    void WroteStoreFile(SafeFileHandle handle);

    /// <summary>Makes every store file written so far (<see cref="WroteStoreFile"/>) under <paramref name="directory"/> durable: one call per batch.</summary>
    void SyncFileSystem(string directory);

    /// <summary>Makes the entries (creations, renames) of <paramref name="directory"/> durable.</summary>
    void SyncDirectory(string directory);

    /// <summary>
    /// When process <paramref name="pid"/> started, as a stamp that only means something to the same
    /// implementation: <c>&lt;clock&gt;:&lt;value&gt;</c>, or <c>""</c> when it runs but its start cannot be read.
    /// Null when no such process runs. Tells a lock's live owner from a reused PID.
    /// </summary>
    string? ProcessStart(int pid);
}

/// <summary>Chooses the <see cref="IFileSystem"/> once per process.</summary>
internal static class FileSystem
{
    /// <summary>
    /// Forces an implementation: <c>portable</c> (what macOS and Windows run; the test suite runs a second time
    /// with it), <c>portable-windows</c> (the same with Windows' name rules, to test them here) or <c>linux</c>.
    /// </summary>
    public const string Variable = "CHECKPOINT_FILESYSTEM";

    private static IFileSystem? s_current;

    /// <summary>The implementation every operation uses.</summary>
    /// <exception cref="CheckpointException">An unknown value of <see cref="Variable"/>: a typo must not silently test the wrong layer
    /// (thrown here, not from a type initialiser, so it reaches the user as an error message).</exception>
    public static IFileSystem Current => s_current ?? (s_current = Choose(Environment.GetEnvironmentVariable(Variable)));

    internal static IFileSystem Choose(string? forced) => forced switch
    {
        null or "" => OperatingSystem.IsLinux() && LinuxFileSystem.TryCreate() is { } linux ? linux : new PortableFileSystem(NameRules.ForHost()),
        "portable" => new PortableFileSystem(NameRules.ForHost()),
        "portable-windows" => new PortableFileSystem(NameRules.Windows),
        "linux" when OperatingSystem.IsLinux() => LinuxFileSystem.TryCreate()
            ?? throw new CheckpointException(ErrorKind.Failed, $"{Variable}=linux, but this system lacks statx or readdir64."),
        _ => throw new CheckpointException(ErrorKind.InvalidArgument,
            $"{Variable}={forced} is not understood: use portable, portable-windows{(OperatingSystem.IsLinux() ? " or linux" : "")}, or leave it unset."),
    };
}
