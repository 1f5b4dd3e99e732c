using System.Diagnostics;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// Linux names are bytes and need not be UTF-8; a .NET path string cannot name such an entry, so it can be
/// neither read nor restored through one. A save must then say so — each entry in skipped with the true reason —
/// and never drop it in silence, nor lose it later (a mirror restore must not touch it).
/// </summary>
[TestClass]
public sealed class NonUtf8NameTests
{
    /// <summary>Creates entries whose names hold the byte 0xFF, through the shell (no .NET path string can spell them).</summary>
    private static void CreateWithBadNames(string root)
    {
        RunShell(root, "printf 'x' > \"$(printf 'bad\\377.txt')\" && mkdir \"$(printf 'dir\\376')\" && printf 'inner' > \"$(printf 'dir\\376')/in.txt\"");
    }

    private static void RunShell(string directory, string script)
    {
        using Process shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { WorkingDirectory = directory })!;
        shell.WaitForExit();
        Assert.AreEqual(0, shell.ExitCode, script);
    }

    private static int EntryCount(string folder) => Directory.GetFileSystemEntries(folder).Length;

    [TestMethod]
    public async Task A_file_and_a_folder_whose_names_are_not_UTF8_are_listed_as_skipped_with_the_true_reason()
    {
        using TempWorkspace ws = new();
        ws.Write("ok.txt", "fine");
        ws.Write("replacement-\uFFFD.txt", "a valid name that holds U+FFFD itself");
        CreateWithBadNames(ws.Root);

        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "bytes", Stage = "x" });

        CollectionAssert.AreEquivalent(new[] { "ok.txt", "replacement-\uFFFD.txt" },
            ws.Engine.Show(new CheckpointRef("bytes", Latest: true)).Files.Select(f => f.Path).ToArray());
        // The Linux layer reads the bytes (bad\xFF.txt); .NET's own listing (the portable layer) only has them as U+FFFD.
        Dictionary<string, string> skipped = saved.Skipped.ToDictionary(s => s.Path.Replace("\uFFFD", @"\x??"), s => s.Reason);
        Assert.AreEqual(2, skipped.Count, string.Join("\n", skipped));
        string file = skipped.Keys.Single(path => path.StartsWith("bad", StringComparison.Ordinal));
        string folder = skipped.Keys.Single(path => path.StartsWith("dir", StringComparison.Ordinal));
        CollectionAssert.Contains(new[] { @"bad\xFF.txt", @"bad\x??.txt" }, file);
        CollectionAssert.Contains(new[] { @"dir\xFE", @"dir\x??" }, folder);
        StringAssert.StartsWith(skipped[file], "name is not valid UTF-8");
        StringAssert.StartsWith(skipped[folder], "folder name is not valid UTF-8: the folder and everything in it");
        string manifest = File.ReadAllText(Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json"));
        StringAssert.Contains(manifest, "not valid UTF-8");
        Assert.IsFalse(manifest.Contains("folder could not be read"), "not the wrong reason of before");
    }

    [TestMethod]
    public async Task Diff_and_a_mirror_restore_leave_an_entry_with_a_non_UTF8_name_alone()
    {
        using TempWorkspace ws = new();
        ws.Write("ok.txt", "fine");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "bytes", Stage = "x" });
        CreateWithBadNames(ws.Root);
        int before = EntryCount(ws.Root);

        DiffResult diff = await ws.Engine.DiffAsync(new CheckpointRef("bytes", Latest: true));
        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("bytes", Latest: true), Mirror = true });

        Assert.AreEqual(0, diff.Added.Count + diff.Removed.Count + diff.Changed.Count, string.Join(", ", diff.Added));
        Assert.AreEqual(0, resumed.Deleted.Count, string.Join(", ", resumed.Deleted));
        Assert.AreEqual(before, EntryCount(ws.Root), "the entries whose names are bytes are still there");
        RunShell(ws.Root, "test \"$(cat \"$(printf 'dir\\376')/in.txt\")\" = inner");
    }
}
