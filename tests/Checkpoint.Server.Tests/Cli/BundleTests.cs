using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Server.Tests.Cli;

/// <summary><c>checkpoint export</c> / <c>checkpoint import</c>: a bundle round trip, tar alone reading it, and forged bundles refused before anything is written.</summary>
[TestClass]
public sealed class BundleTests
{
    private static string Temp()
    {
        var path = Path.Combine(Path.GetTempPath(), "checkpoint-bundle-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Tar(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("tar") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, process.StandardError.ReadToEnd());
        return output;
    }

    [TestMethod]
    public async Task A_bundle_round_trip_restores_byte_identical_files_and_tar_alone_reads_it()
    {
        using var source = new TestWorkspace();
        using var destination = new TestWorkspace();
        source.WithSeedModules();
        File.WriteAllBytes(source.PathOf("modules/blob.bin"), RandomNumberGenerator.GetBytes(300_000));
        var saved = (await source.Cli.RunAsync("save", "--name", "module-05", "--stage", "final", "--context", "modules")).AssertExit(0);
        var id = saved.CheckpointId;
        var bundle = Path.Combine(Temp(), "module-05.tar.gz");

        var exported = (await source.Cli.RunAsync("export", "--name", "module-05", "--latest", "-o", bundle)).AssertExit(0);
        StatusLines.AssertOk(exported.LastStdOutLine, "export", "module-05");
        var listing = Tar(Path.GetDirectoryName(bundle)!, "-tzf", bundle);
        StringAssert.Contains(listing, $"{id}/checkpoint.json");
        StringAssert.Contains(listing, $"{id}/CHECKPOINT_SUMMARY.md");
        StringAssert.Contains(listing, $"{id}/files/modules/mod-005-docker-containers/lecture-notes.md");
        var extracted = Temp();
        Tar(extracted, "-xzf", bundle);
        CollectionAssert.AreEqual(File.ReadAllBytes(source.PathOf("modules/blob.bin")), File.ReadAllBytes(Path.Combine(extracted, id, "files/modules/blob.bin")));

        var imported = (await destination.Cli.RunAsync("import", bundle)).AssertExit(0);
        StatusLines.AssertOk(imported.LastStdOutLine, "import", "module-05");
        (await destination.Cli.RunAsync("import", bundle)).AssertExit(0); // the same again: nothing changes
        (await destination.Cli.RunAsync("verify")).AssertExit(0);
        var target = Temp();
        (await destination.Cli.RunAsync("resume", "--name", "module-05", "--latest", "--target", target)).AssertExit(0);
        foreach (var file in Directory.EnumerateFiles(source.PathOf("modules"), "*", SearchOption.AllDirectories))
            CollectionAssert.AreEqual(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(target, Path.GetRelativePath(source.Root, file))), file);

        // The folder tar made is a seed-layout checkpoint: it imports too (into a third store).
        using var third = new TestWorkspace();
        (await third.Cli.RunAsync("import", Path.Combine(extracted, id))).AssertExit(0);
        (await third.Cli.RunAsync("verify")).AssertExit(0);
    }

    [TestMethod]
    [DataRow(2_000, DisplayName = "a small file (decoded as it opens)")]
    [DataRow(600_000, DisplayName = "a big file (streamed)")]
    public async Task Export_of_a_damaged_stored_content_fails_with_exit_3_naming_the_file_and_leaves_no_bundle(int size)
    {
        using var source = new TestWorkspace();
        source.WithSeedModules();
        const string Victim = "modules/victim.txt";
        source.Write(Victim, string.Concat(Enumerable.Repeat("measured 42 ", size / 12)));
        var id = (await source.Cli.RunAsync("save", "--name", "module-05", "--stage", "final", "--context", "modules")).AssertExit(0).CheckpointId;
        var hash = source.Manifest(id).GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == Victim).GetProperty("hash").GetString()!;
        StoredObjects.Corrupt(source.Store, hash);
        var bundle = Path.Combine(Temp(), "module-05.tar.gz");

        var refused = (await source.Cli.RunAsync("export", "--name", "module-05", "--latest", "-o", bundle)).AssertExit(3);

        StringAssert.Contains(refused.StdErr + refused.StdOut, Victim, refused.ToString());
        Assert.IsFalse(File.Exists(bundle), "No bundle with a damaged file may be left.");
        Assert.IsEmpty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(bundle)!), "Nor a partial one beside it.");
    }

    [TestMethod]
    public async Task Importing_a_checkpoint_folder_with_a_different_checkpoint_under_the_same_id_is_refused()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a.md", "one\n");
        var id = (await workspace.Cli.RunAsync("save", "--name", "same", "--stage", "s", "--files", "a.md")).AssertExit(0).CheckpointId;
        var bundle = Path.Combine(Temp(), "b.tar.gz");
        (await workspace.Cli.RunAsync("export", "--name", "same", "--latest", "-o", bundle)).AssertExit(0);
        var extracted = Temp();
        Tar(extracted, "-xzf", bundle);
        var manifestPath = Path.Combine(extracted, id, "checkpoint.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"stage\": \"s\"", "\"stage\": \"other\""));
        var refused = await workspace.Cli.RunAsync("import", Path.Combine(extracted, id));
        refused.AssertExit(1);
        StringAssert.Contains(refused.StdErr, "different content");
        Assert.AreEqual("s", workspace.Manifest(id).GetProperty("stage").GetString());
    }

    public static IEnumerable<object[]> ForgedBundles =>
    [
        ["absolute path", (Action<TarWriter, string>)((tar, top) => Entry(tar, "/tmp/evil.md", "x"))],
        ["dot-dot", (Action<TarWriter, string>)((tar, top) => Entry(tar, $"{top}/files/../../evil.md", "x"))],
        ["symbolic link", (Action<TarWriter, string>)((tar, top) => tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"{top}/files/a.md") { LinkName = "/etc/passwd" }))],
        ["hard link", (Action<TarWriter, string>)((tar, top) => tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, $"{top}/files/b.md") { LinkName = $"{top}/files/a.md" }))],
        ["duplicate path", (Action<TarWriter, string>)((tar, top) => Entry(tar, $"{top}/files/a.md", "hello\n"))],
        ["hash mismatch", null!],
    ];

    private static void Entry(TarWriter tar, string name, string content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });

    [TestMethod]
    [DynamicData(nameof(ForgedBundles))]
    public async Task A_forged_bundle_is_refused_before_anything_is_written(string forgery, Action<TarWriter, string>? extra)
    {
        using var workspace = new TestWorkspace();
        var top = "forged_20250104_143022";
        var manifest = $$"""
            { "name": "forged", "timestamp": "2025-01-04T14:30:22", "stage": "s", "notes": "", "metadata": {},
              "files": [ { "path": "a.md", "size": 6, "modified": "2025-01-04T14:29:15",
                           "hash": "sha256:{{Convert.ToHexStringLower(SHA256.HashData("hello\n"u8))}}", "word_count": 1 } ],
              "metrics": { "total_files": 1, "total_words": 1, "total_size": 6 } }
            """;
        var bundle = Path.Combine(Temp(), "forged.tar.gz");
        using (var file = File.Create(bundle))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            Entry(tar, $"{top}/checkpoint.json", manifest);
            Entry(tar, $"{top}/files/a.md", forgery == "hash mismatch" ? "HELLO\n" : "hello\n");
            extra?.Invoke(tar, top);
        }
        var refused = await workspace.Cli.RunAsync("import", bundle);
        refused.AssertExit(3);
        StringAssert.Contains(refused.StdErr, "nothing");
        StatusLines.AssertFail(refused.LastStdOutLine, "import");
        Assert.IsFalse(Directory.Exists(workspace.Store) && Directory.EnumerateDirectories(workspace.Store, "forged_*").Any(), $"{forgery}: a checkpoint appeared.");
        Assert.AreEqual(0, Directory.Exists(workspace.Store) ? Directory.EnumerateFiles(Path.Combine(workspace.Store, "objects"), "*", SearchOption.AllDirectories).Count() : 0,
            $"{forgery}: contents were stored.");
        Assert.IsFalse(File.Exists("/tmp/evil.md") && File.GetLastWriteTimeUtc("/tmp/evil.md") > DateTime.UtcNow.AddMinutes(-1));
    }
}
