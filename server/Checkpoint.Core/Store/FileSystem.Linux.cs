using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// The few Linux calls .NET does not expose: <c>readdir64</c> with the entry type from <c>d_type</c>, one
/// <c>statx</c> per entry (inode and ctime included, links not followed), <c>syncfs</c> to make a whole batch of
/// new objects durable in one call, and <c>fsync</c> on a directory so a rename inside it survives a power cut.
/// Only ever called on Linux: <see cref="FileSystem"/> creates it there alone, after <see cref="TryCreate"/> has
/// proved the calls exist (statx needs glibc 2.28 and Linux 4.11).
/// </summary>
internal sealed unsafe partial class LinuxFileSystem : IFileSystem
{
    private LinuxFileSystem()
    {
    }

    public string Name => "linux";

    public NameRules Names => NameRules.Posix;

    /// <summary>The Linux implementation, or null when this system lacks one of its calls.</summary>
    public static LinuxFileSystem? TryCreate()
    {
        try
        {
            byte* buffer = stackalloc byte[StatxSize];
            return Statx(AtFdCwd, "/", AtSymlinkNoFollow, StatxBasicStats, buffer) == 0 && OpenDir("/") is var dir and not 0 && CloseDir(dir) == 0
                ? new LinuxFileSystem()
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int OpenReadOnly = 0;
    private const int OpenDirectory = 0x10000;
    private const int OpenCloseOnExec = 0x80000;

    // struct statx is architecture-independent (256 bytes); we read the fields we need by offset.
    private const int StatxSize = 256;
    private const int OffMode = 28;
    private const int OffIno = 32;
    private const int OffSize = 40;
    private const int OffCtime = 96;
    private const int OffMtime = 112;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    private const int OpenWriteOnly = 1;
    private const int OpenCreate = 0x40;
    private const int OpenExclusive = 0x80;
    private const int EEXIST = 17;
    private const int EACCES = 13;
    private const int EPERM = 1;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenMode(string path, int flags, int mode);

    /// <summary>
    /// Opens for reading without .NET's advisory <c>flock</c> (FileShare emulation costs two extra syscalls per
    /// file, which adds up over 100k files). The handle works with <see cref="RandomAccess"/>.
    /// </summary>
    public SafeFileHandle OpenRead(string path) => Wrap(Open(path, OpenReadOnly | OpenCloseOnExec), path);

    /// <summary>Creates a new file (O_EXCL, mode 0644 before umask) for writing, without <c>flock</c>.</summary>
    public SafeFileHandle CreateNew(string path) =>
        Wrap(OpenMode(path, OpenWriteOnly | OpenCreate | OpenExclusive | OpenCloseOnExec, 0x1a4), path);

    private static SafeFileHandle Wrap(int fd, string path)
    {
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }
        int errno = Marshal.GetLastPInvokeError();
        string message = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
            ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
            EACCES or EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
            EEXIST => new IOException($"The file '{path}' already exists."),
            _ => new IOException($"Cannot open '{path}': {message}"),
        };
    }

    /// <summary>The canonical path with every link resolved, or null when it does not exist (or dangles).</summary>
    public string? RealPath(string path)
    {
        nint resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary><c>lstat</c> of <paramref name="path"/>; <see cref="FileStat.Missing"/> when it does not exist.</summary>
    public FileStat LStat(string path)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return FileStat.Missing;
            }
            throw new IOException($"Cannot read file information of '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return Decode(buffer);
    }

    /// <summary><c>lstat</c> of the entry <paramref name="name"/> (NUL-terminated UTF-8) of the open directory <paramref name="directoryFd"/>.</summary>
    /// <remarks>Relative to a directory fd the kernel resolves one component instead of the whole path. The
    /// folder and name are only joined for an error message (a walk would otherwise build a path per file), and the
    /// name is only described then too: describing it per file was a tenth of a no-change save of 100k files.</remarks>
    [SkipLocalsInit]
    private static FileStat LStatAt(int directoryFd, byte* name, string folder)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (StatxRaw(directoryFd, name, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return FileStat.Missing;
            }
            string described = EntryNames.Describe(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
            throw new IOException($"Cannot read file information of '{folder}/{described}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return Decode(buffer);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxRaw(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    private static FileStat Decode(byte* buffer)
    {
        ushort mode = *(ushort*)(buffer + OffMode);
        EntryKind kind = (mode & 0xF000) switch
        {
            0x8000 => EntryKind.File,
            0x4000 => EntryKind.Directory,
            0xA000 => EntryKind.SymbolicLink,
            0x1000 => EntryKind.Fifo,
            0xC000 => EntryKind.Socket,
            0x2000 => EntryKind.CharacterDevice,
            0x6000 => EntryKind.BlockDevice,
            _ => EntryKind.Other,
        };
        return new FileStat(
            kind,
            *(long*)(buffer + OffSize),
            ToNanoseconds(buffer + OffMtime),
            ToNanoseconds(buffer + OffCtime),
            *(ulong*)(buffer + OffIno),
            mode);
    }

    private static long ToNanoseconds(byte* timestamp) => (*(long*)timestamp * 1_000_000_000L) + *(uint*)(timestamp + 8);

    /// <summary>Nothing to do per file: <see cref="SyncFileSystem"/> flushes the whole batch in one call.</summary>
    public void WroteStoreFile(SafeFileHandle handle)
    {
    }

    /// <summary>Flushes every dirty page of the file system holding <paramref name="directory"/>: one call for a whole batch of objects.</summary>
    public void SyncFileSystem(string directory) => WithDirectory(directory, fd => SyncFs(fd), "flush to disk");

    /// <summary>Makes the entries (creations, renames) of <paramref name="directory"/> durable.</summary>
    public void SyncDirectory(string directory) => WithDirectory(directory, fd => FSync(fd), "sync folder");

    private static void WithDirectory(string directory, Func<int, int> call, string what)
    {
        int fd = Open(directory, OpenReadOnly | OpenDirectory | OpenCloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"Cannot {what} '{directory}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        try
        {
            if (call(fd) != 0)
            {
                throw new IOException($"Cannot {what} '{directory}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            Close(fd);
        }
    }

    private const byte DtUnknown = 0;
    private const byte DtDir = 4;
    private const byte DtReg = 8;
    private const byte DtLnk = 10;
    private const byte DtFifo = 1;
    private const byte DtChr = 2;
    private const byte DtBlk = 6;
    private const byte DtSock = 12;
    // struct dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name[].
    private const int OffType = 18;
    private const int OffName = 19;

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir64", SetLastError = true)]
    private static partial byte* ReadDir(nint dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint dir);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    private static partial int DirFd(nint dir);

    /// <inheritdoc/>
    /// <remarks><c>opendir</c>/<c>readdir</c> with the type from <c>d_type</c>, and <c>statx</c> relative to the open directory
    /// for regular files and links only (a link's own mtime is its "modified"): the fewest syscalls and allocations a walk
    /// can make (a 100k-file tree is otherwise dominated by path strings and full-path lookups).</remarks>
    public List<DirectoryEntry>? List(string folder, string prefix)
    {
        nint dir = OpenDir(folder);
        if (dir == 0)
        {
            return null;
        }
        try
        {
            int fd = DirFd(dir);
            List<DirectoryEntry> entries = [];
            // A name is at most 255 bytes, so at most 255 UTF-16 units after the prefix.
            char[] path = new char[prefix.Length + 256];
            prefix.CopyTo(path);
            byte* entry;
            while ((entry = ReadDir(dir)) != null)
            {
                byte* namePointer = entry + OffName;
                ReadOnlySpan<byte> name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(namePointer);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }
                byte type = entry[OffType];
                bool validName = Utf8.IsValid(name);
                FileStat stat = type switch
                {
                    DtReg or DtLnk or DtUnknown => LStatAt(fd, namePointer, folder),
                    DtDir => new FileStat(EntryKind.Directory, 0, 0, 0, 0),
                    DtFifo => new FileStat(EntryKind.Fifo, 0, 0, 0, 0),
                    DtSock => new FileStat(EntryKind.Socket, 0, 0, 0, 0),
                    DtChr => new FileStat(EntryKind.CharacterDevice, 0, 0, 0, 0),
                    DtBlk => new FileStat(EntryKind.BlockDevice, 0, 0, 0, 0),
                    _ => new FileStat(EntryKind.Other, 0, 0, 0, 0),
                };
                if (stat.Kind != EntryKind.Missing && !validName)
                {
                    entries.Add(new DirectoryEntry(string.Concat(prefix, EntryNames.Describe(name)), prefix.Length, EntryKind.InvalidName, stat));
                }
                else if (stat.Kind != EntryKind.Missing)
                {
                    int length = Encoding.UTF8.GetChars(name, path.AsSpan(prefix.Length));
                    entries.Add(new DirectoryEntry(new string(path, 0, prefix.Length + length), prefix.Length, stat.Kind, stat));
                }
            }
            return entries;
        }
        finally
        {
            CloseDir(dir);
        }
    }

    /// <summary>Field 22 of /proc/PID/stat: start time in clock ticks since boot (a plain number, as lock files have always held it).</summary>
    public string? ProcessStart(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.TryParse(fields[19], out long ticks) ? ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return "";
        }
    }
}
