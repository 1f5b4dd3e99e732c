using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO.Enumeration;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// The file-system calls on .NET's own APIs, for every system but Linux (and on Linux when
/// <see cref="FileSystem.Variable"/> forces it, so the test suite exercises it on every run). What it gives up:
/// <list type="bullet">
/// <item>no inode and no ctime (.NET exposes neither): <see cref="FileStat.Inode"/> and <see cref="FileStat.CTimeNs"/>
/// are 0, so the stat index compares size and mtime only, as git does on Windows (see <see cref="IndexEntry.Vouches"/>);</item>
/// <item>no batch flush: each store file is flushed as it is finished (<see cref="WroteStoreFile"/>), and a folder
/// cannot be opened to flush its entries (renames stay atomic; the newest one may be lost in a power cut);</item>
/// <item>a FIFO or socket reads as an empty regular file on macOS (.NET does not tell them apart);</item>
/// <item>no permission bits on Windows (<see cref="FileStat.Mode"/> is 0 there, so no mode is recorded or applied).</item>
/// </list>
/// </summary>
internal sealed class PortableFileSystem(NameRules names) : IFileSystem
{
    // Hidden and system files are workspace files like any other (dot-files are "hidden" on Unix).
    private static readonly EnumerationOptions ListOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    public string Name => "portable";

    public NameRules Names => names;

    public List<DirectoryEntry>? List(string folder, string prefix)
    {
        List<DirectoryEntry> entries = [];
        try
        {
            // The folder is opened here already: a missing one throws from the constructor.
            FileSystemEnumerable<DirectoryEntry> listing = new(folder, (ref FileSystemEntry entry) => ToEntry(ref entry, prefix), ListOptions);
            foreach (DirectoryEntry entry in listing)
            {
                if (entry.Kind != EntryKind.Missing)
                {
                    entries.Add(entry);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The same answer as the Linux listing: a folder that is gone or unreadable yields nothing.
            return null;
        }
        return entries;
    }

    /// <summary>True when the decoded path of a listed entry finds nothing under that name: its bytes were not UTF-8.</summary>
    private static bool IsUnnamable(string fullPath) => (int)new FileInfo(fullPath).Attributes == -1;

    private static DirectoryEntry ToEntry(ref FileSystemEntry entry, string prefix)
    {
        string path = string.Concat(prefix, entry.FileName);
        try
        {
            // .NET decodes a name that is not valid UTF-8 with U+FFFD in place of each bad sequence: the string then
            // names no entry (or another one), so the entry is reported, never read or written through it.
            if (entry.FileName.Contains('\uFFFD') && IsUnnamable(entry.ToFullPath()))
            {
                EntryKind kind = entry.IsDirectory ? EntryKind.Directory : EntryKind.File;
                return new DirectoryEntry(path, prefix.Length, EntryKind.InvalidName, new FileStat(kind, 0, 0, 0, 0));
            }
            FileAttributes attributes = entry.Attributes;
            if ((attributes & FileAttributes.ReparsePoint) != 0 && IsLink(entry.ToFullPath()))
            {
                FileStat link = new(EntryKind.SymbolicLink, 0, ToNanoseconds(entry.LastWriteTimeUtc), 0, 0, ModeOf(LinkType, null));
                return new DirectoryEntry(path, prefix.Length, EntryKind.SymbolicLink, link);
            }
            if (entry.IsDirectory)
            {
                return new DirectoryEntry(path, prefix.Length, EntryKind.Directory, new FileStat(EntryKind.Directory, 0, 0, 0, 0));
            }
            // The entry's FileInfo is made from the status the enumeration already read: no second stat for the mode.
            FileStat stat = new(EntryKind.File, entry.Length, ToNanoseconds(entry.LastWriteTimeUtc), 0, 0, OperatingSystem.IsWindows() ? 0 : ModeOf(FileType, entry.ToFileSystemInfo()));
            return new DirectoryEntry(path, prefix.Length, EntryKind.File, stat);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed between the listing and its stat: as if the listing had come a moment later.
            return new DirectoryEntry(path, prefix.Length, EntryKind.Missing, FileStat.Missing);
        }
    }

    // On Unix a reparse point is always a symbolic link; on Windows it may also be a cloud placeholder
    // (OneDrive) or a deduplicated file, which are ordinary files to the user: only a link has a target.
    private static bool IsLink(string fullPath) => !OperatingSystem.IsWindows() || new FileInfo(fullPath).LinkTarget is not null;

    public FileStat LStat(string path)
    {
        FileInfo info = new(path);
        FileAttributes attributes = info.Attributes;
        // FileSystemInfo reports a missing entry (a missing parent too, or a file where a folder should be) as -1.
        if ((int)attributes == -1)
        {
            return FileStat.Missing;
        }
        if ((attributes & FileAttributes.ReparsePoint) != 0 && IsLink(path))
        {
            // A link's times are its own (.NET reads them with lstat); its permission bits mean nothing.
            return new FileStat(EntryKind.SymbolicLink, 0, ToNanoseconds(info.LastWriteTimeUtc), 0, 0, ModeOf(LinkType, null));
        }
        if ((attributes & FileAttributes.Directory) != 0)
        {
            return new FileStat(EntryKind.Directory, 0, 0, 0, 0);
        }
        try
        {
            return new FileStat(EntryKind.File, info.Length, ToNanoseconds(info.LastWriteTimeUtc), 0, 0, ModeOf(FileType, info));
        }
        catch (FileNotFoundException)
        {
            return FileStat.Missing;
        }
    }

    private const int FileType = 0x8000; // S_IFREG
    private const int LinkType = 0xA000; // S_IFLNK

    /// <summary>An <c>st_mode</c> (the type and, for a file, its permission bits); 0 on Windows, which has no such bits.</summary>
    private static int ModeOf(int type, FileSystemInfo? info) =>
        OperatingSystem.IsWindows() ? 0 : type | (info is null ? 0 : (int)info.UnixFileMode & 0xFFF);

    private static long ToNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static long ToNanoseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    // Links are resolved one path component at a time, as realpath(3) does; a chain longer than this is a loop.
    private const int MaxLinks = 40;

    public string? RealPath(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string? Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (string segment in full[root.Length..].Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Join(current, segment);
            FileInfo info = new(next);
            if ((int)info.Attributes == -1)
            {
                return null;
            }
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }
                // A relative target is relative to the link's folder, which is already resolved.
                string? resolved = Resolve(Path.GetFullPath(target, current), ref links);
                if (resolved is null)
                {
                    return null;
                }
                next = resolved;
            }
            current = next;
        }
        return current;
    }

    // FileShare.ReadWrite | Delete: an editor may write or replace the file while we read it (Windows would
    // otherwise refuse it the file); on Unix .NET takes only a shared advisory lock for this.
    public SafeFileHandle OpenRead(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    public SafeFileHandle CreateNew(string path) =>
        File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>FlushFileBuffers on Windows, fsync on Unix (F_FULLFSYNC on macOS): .NET has no call for a whole batch.</summary>
    public void WroteStoreFile(SafeFileHandle handle) => RandomAccess.FlushToDisk(handle);

    /// <summary>Nothing left to do: <see cref="WroteStoreFile"/> flushed each file.</summary>
    public void SyncFileSystem(string directory)
    {
    }

    /// <summary>
    /// Nothing .NET can do: it opens no folder as a file. The rename itself stays atomic (a checkpoint exists
    /// whole or not at all); NTFS and APFS journal it, so at worst the newest one is lost in a power cut.
    /// </summary>
    public void SyncDirectory(string directory)
    {
    }

    /// <summary><c>utc:</c> and the start time's ticks, from the OS's process table.</summary>
    public string? ProcessStart(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return "utc:" + process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null; // no such process
        }
        catch (InvalidOperationException)
        {
            return null; // it exited while we looked
        }
        catch (Exception e) when (e is Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return ""; // it runs (another user's, say), but its start cannot be read
        }
    }
}
