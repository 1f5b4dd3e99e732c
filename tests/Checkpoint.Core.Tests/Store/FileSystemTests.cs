using System.Diagnostics;
using Checkpoint.Core.Store;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Tests.Store;

/// <summary>
/// Both implementations of <see cref="IFileSystem"/> against the same real files: the portable one must answer
/// as the Linux one does (it is what macOS and Windows run, and it cannot be run there from here).
/// </summary>
[TestClass]
public sealed class FileSystemTests
{
    public static IEnumerable<object[]> Layers => [["linux"], ["portable"]];

    private static IFileSystem Layer(string name) => name == "linux"
        ? LinuxFileSystem.TryCreate() ?? throw new AssertInconclusiveException("no statx here")
        : new PortableFileSystem(NameRules.Posix);

    private static TempWorkspace Tree()
    {
        TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        ws.Write(".hidden", "dot-files are workspace files");
        ws.Write("sub/b.md", "beta, longer");
        File.CreateSymbolicLink(ws.PathOf("link.md"), ws.PathOf("a.md"));
        Directory.CreateSymbolicLink(ws.PathOf("linked-sub"), ws.PathOf("sub"));
        File.CreateSymbolicLink(ws.PathOf("dangling"), ws.PathOf("nowhere"));
        return ws;
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public void A_listing_gives_each_entry_once_with_its_kind_and_files_with_their_stat(string layer)
    {
        using TempWorkspace ws = Tree();
        IFileSystem fs = Layer(layer);

        List<DirectoryEntry> entries = fs.List(ws.Root, "top/")!;

        Dictionary<string, DirectoryEntry> byPath = entries.ToDictionary(e => e.Path);
        CollectionAssert.AreEquivalent(
            new[] { "top/.hidden", "top/a.md", "top/dangling", "top/link.md", "top/linked-sub", "top/sub" }, byPath.Keys.ToArray());
        Assert.AreEqual("a.md", byPath["top/a.md"].Name.ToString());
        Assert.AreEqual(EntryKind.File, byPath["top/a.md"].Kind);
        Assert.AreEqual(5, byPath["top/a.md"].Stat.Size);
        Assert.AreEqual(Nanoseconds(File.GetLastWriteTimeUtc(ws.PathOf("a.md"))), byPath["top/a.md"].Stat.MTimeNs / 100 * 100);
        Assert.AreEqual(EntryKind.Directory, byPath["top/sub"].Kind);
        Assert.AreEqual(EntryKind.SymbolicLink, byPath["top/link.md"].Kind, "a link is never followed");
        Assert.AreEqual(EntryKind.SymbolicLink, byPath["top/linked-sub"].Kind);
        Assert.AreEqual(EntryKind.SymbolicLink, byPath["top/dangling"].Kind);
        Assert.IsNull(fs.List(ws.PathOf("gone"), ""), "a missing folder cannot be read");
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Both_layers_read_a_files_permission_bits_and_a_links_own_mtime_alike(string layer)
    {
        using TempWorkspace ws = Tree();
        File.SetUnixFileMode(ws.PathOf("a.md"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        File.SetUnixFileMode(ws.PathOf("sub/b.md"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        IFileSystem fs = Layer(layer);
        LinuxFileSystem reference = LinuxFileSystem.TryCreate() ?? throw new AssertInconclusiveException("no statx here");

        Dictionary<string, DirectoryEntry> listed = fs.List(ws.Root, "")!.ToDictionary(e => e.Path);
        FileStat link = fs.LStat(ws.PathOf("link.md"));

        Assert.AreEqual(0x8000 | 0x1E0, listed["a.md"].Stat.Mode, "0100740 from the listing");
        Assert.AreEqual(0x8000 | 0x180, fs.LStat(ws.PathOf("sub/b.md")).Mode, "0100600 from lstat");
        Assert.AreEqual(0xA000, link.Mode & 0xF000, "a link's own type: never followed");
        Assert.AreEqual(reference.LStat(ws.PathOf("link.md")).MTimeNs / 100, link.MTimeNs / 100, "the link's own mtime");
        Assert.AreEqual(link.MTimeNs / 100, listed["link.md"].Stat.MTimeNs / 100);
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public void Lstat_tells_files_folders_links_and_missing_entries_apart(string layer)
    {
        using TempWorkspace ws = Tree();
        IFileSystem fs = Layer(layer);

        Assert.AreEqual(EntryKind.File, fs.LStat(ws.PathOf("sub/b.md")).Kind);
        Assert.AreEqual(12, fs.LStat(ws.PathOf("sub/b.md")).Size);
        Assert.AreEqual(EntryKind.Directory, fs.LStat(ws.PathOf("sub")).Kind);
        Assert.AreEqual(EntryKind.SymbolicLink, fs.LStat(ws.PathOf("linked-sub")).Kind);
        Assert.AreEqual(EntryKind.SymbolicLink, fs.LStat(ws.PathOf("dangling")).Kind);
        Assert.AreEqual(FileStat.Missing, fs.LStat(ws.PathOf("nothing.md")));
        Assert.AreEqual(FileStat.Missing, fs.LStat(ws.PathOf("nothing/below.md")), "a missing parent");
        Assert.AreEqual(FileStat.Missing, fs.LStat(ws.PathOf("a.md/below.md")), "a file where a folder should be");
    }

    [TestMethod]
    public void Both_layers_agree_on_every_entry_of_a_tree()
    {
        using TempWorkspace ws = Tree();
        IFileSystem linux = Layer("linux");
        IFileSystem portable = Layer("portable");

        foreach (DirectoryEntry entry in linux.List(ws.Root, "")!)
        {
            FileStat native = linux.LStat(ws.PathOf(entry.Path));
            FileStat managed = portable.LStat(ws.PathOf(entry.Path));
            Assert.AreEqual(native.Kind, managed.Kind, entry.Path);
            if (native.IsFile)
            {
                Assert.AreEqual(native.Size, managed.Size, entry.Path);
                // .NET keeps times in 100 ns ticks.
                Assert.AreEqual(native.MTimeNs / 100 * 100, managed.MTimeNs, entry.Path);
                Assert.AreNotEqual(0UL, native.Inode);
                Assert.AreEqual(0UL, managed.Inode, "the portable layer reads no inode");
                Assert.AreEqual(0L, managed.CTimeNs, "nor a ctime");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public void Realpath_resolves_every_link_on_the_way_and_is_null_for_a_dangling_one(string layer)
    {
        using TempWorkspace ws = Tree();
        IFileSystem fs = Layer(layer);
        string real = LinuxFileSystem.TryCreate()!.RealPath(ws.Root)!; // the temp folder may itself sit behind a link
        Directory.CreateDirectory(ws.PathOf("deep/er"));
        Directory.CreateSymbolicLink(ws.PathOf("deep/up"), "..");
        File.CreateSymbolicLink(ws.PathOf("chain.md"), "link.md");

        Assert.AreEqual(Path.Combine(real, "sub", "b.md"), fs.RealPath(ws.PathOf("linked-sub/b.md")));
        Assert.AreEqual(Path.Combine(real, "a.md"), fs.RealPath(ws.PathOf("chain.md")), "a link to a link, relative");
        Assert.AreEqual(Path.Combine(real, "sub"), fs.RealPath(ws.PathOf("deep/up/deep/up/sub")));
        Assert.AreEqual(Path.Combine(real, "deep", "er"), fs.RealPath(ws.PathOf("deep/er")));
        Assert.IsNull(fs.RealPath(ws.PathOf("dangling")));
        Assert.IsNull(fs.RealPath(ws.PathOf("nothing/below")));
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public void Realpath_gives_up_on_a_loop_of_links(string layer)
    {
        using TempWorkspace ws = new();
        IFileSystem fs = Layer(layer);
        File.CreateSymbolicLink(ws.PathOf("ping"), "pong");
        File.CreateSymbolicLink(ws.PathOf("pong"), "ping");

        Assert.IsNull(fs.RealPath(ws.PathOf("ping")));
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public void Create_new_refuses_an_existing_file_and_a_written_store_file_reads_back(string layer)
    {
        using TempWorkspace ws = new();
        IFileSystem fs = Layer(layer);
        string path = ws.PathOf("object");

        using (SafeFileHandle handle = fs.CreateNew(path))
        {
            RandomAccess.Write(handle, "stored"u8, 0);
            fs.WroteStoreFile(handle);
        }
        fs.SyncFileSystem(ws.Root);
        fs.SyncDirectory(ws.Root);

        Assert.ThrowsExactly<IOException>(() => fs.CreateNew(path).Dispose());
        using SafeFileHandle read = fs.OpenRead(path);
        byte[] buffer = new byte[16];
        Assert.AreEqual("stored", System.Text.Encoding.UTF8.GetString(buffer, 0, RandomAccess.Read(read, buffer, 0)));
        Assert.ThrowsExactly<FileNotFoundException>(() => fs.OpenRead(ws.PathOf("missing")).Dispose());
    }

    [TestMethod]
    [DynamicData(nameof(Layers))]
    public async Task A_running_process_has_a_steady_start_stamp_and_an_exited_one_none(string layer)
    {
        IFileSystem fs = Layer(layer);
        using Process exited = Process.Start(new ProcessStartInfo("true"))!;
        await exited.WaitForExitAsync();

        string? mine = fs.ProcessStart(Environment.ProcessId);

        Assert.IsFalse(string.IsNullOrEmpty(mine));
        Assert.AreEqual(mine, fs.ProcessStart(Environment.ProcessId));
        Assert.IsNull(fs.ProcessStart(exited.Id));
    }

    [TestMethod]
    public void The_variable_chooses_the_layer_and_a_typo_is_an_error_not_a_silent_default()
    {
        Assert.AreEqual("portable", FileSystem.Choose("portable").Name);
        Assert.AreSame(NameRules.Windows, FileSystem.Choose("portable-windows").Names);
        Assert.AreEqual("linux", FileSystem.Choose("linux").Name);
        Assert.AreEqual("linux", FileSystem.Choose(null).Name, "Linux runs its own layer by default");

        CheckpointException error = Assert.ThrowsExactly<CheckpointException>(() => FileSystem.Choose("portible"));
        Assert.AreEqual(ErrorKind.InvalidArgument, error.Kind);
        StringAssert.Contains(error.Message, "CHECKPOINT_FILESYSTEM=portible");
    }

    /// <summary>The second run of the suite (scripts/test.sh) must really run the portable layer.</summary>
    [TestMethod]
    public void The_suite_runs_the_layer_the_variable_names()
    {
        string? forced = Environment.GetEnvironmentVariable(FileSystem.Variable);
        string expected = forced is null or "" ? "linux" : forced.StartsWith("portable", StringComparison.Ordinal) ? "portable" : forced;
        Assert.AreEqual(expected, FileSystem.Current.Name);
    }

    private static long Nanoseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
