using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A store that cannot be written (a mounted backup, a colleague's folder) is still read by every verb that only
/// reads it — restoring elsewhere included: readers never take the writers' lock. The verbs that must write say so.
/// </summary>
[TestClass]
public sealed class ReadOnlyStoreTests
{
    private TestWorkspace _workspace = null!;
    private string _id = null!;

    [TestInitialize]
    public async Task SaveThenChange()
    {
        _workspace = new TestWorkspace().WithSeedModules();
        _id = (await _workspace.Cli.RunAsync("save", "--name", "backup", "--stage", "s", "--context", "working-modules")).AssertExit(0).CheckpointId;
        _workspace.Write("working-modules/draft-a.md", "changed since\n");
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private string StoreFingerprint()
    {
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(_workspace.Store, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            text.Append(path).Append(' ').AppendLine(File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "<dir>");
        return text.ToString();
    }

    [TestMethod]
    [DataRow("list")]
    [DataRow("show", "--name", "backup", "--latest")]
    [DataRow("diff", "--name", "backup", "--latest")]
    [DataRow("verify")]
    [DataRow("resume", "--name", "backup", "--latest", "--dry-run")]
    [DataRow("resume", "--name", "backup", "--latest", "--target", "restored")]
    [DataRow("resume", "--name", "backup", "--latest", "--target", "restored", "--json")]
    [DataRow("export", "--name", "backup", "--latest", "-o", "backup.tar.gz")]
    public async Task A_verb_that_only_reads_the_store_works_on_a_read_only_store(params string[] args)
    {
        var before = StoreFingerprint();
        using var readOnly = ReadOnlyStore.Apply(_workspace);

        var result = await _workspace.Cli.RunAsync(args);

        Assert.AreEqual(0, result.ExitCode, $"Store made read-only with {readOnly.How}.\n{result}");
        Assert.AreEqual(before, StoreFingerprint());
        if (args.Contains("--target"))
            Assert.AreEqual("Draft A: working notes.\n", _workspace.Read("restored/working-modules/draft-a.md"));
    }

    [TestMethod]
    [DataRow("save", "--name", "more", "--stage", "s")]
    [DataRow("resume", "--name", "backup", "--latest")]
    [DataRow("prune", "--keep-last", "0")]
    public async Task A_verb_that_must_write_a_read_only_store_exits_1_saying_so_and_what_still_works(params string[] args)
    {
        var before = StoreFingerprint();
        var tree = _workspace.WorkingTreeFingerprint();
        using var readOnly = ReadOnlyStore.Apply(_workspace);

        var result = await _workspace.Cli.RunAsync(args);

        Assert.AreEqual(1, result.ExitCode, $"Store made read-only with {readOnly.How}.\n{result}");
        Assert.Contains($"The checkpoint store '{_workspace.Store}' cannot be written", result.StdErr, result.ToString());
        Assert.Contains("--target", result.StdErr, "Say how to restore from it anyway.\n" + result);
        StatusLines.AssertFail(result.LastStdOutLine, args[0]);
        Assert.AreEqual(before, StoreFingerprint());
        Assert.AreEqual(tree, _workspace.WorkingTreeFingerprint(), "Nothing in the workspace changes either.");
    }

    [TestMethod]
    public async Task Delete_from_a_read_only_store_exits_1_saying_so()
    {
        using var readOnly = ReadOnlyStore.Apply(_workspace);

        var result = await _workspace.Cli.RunAsync("delete", "--name", "backup", "--timestamp", _id["backup_".Length..], "--yes");

        Assert.AreEqual(1, result.ExitCode, $"Store made read-only with {readOnly.How}.\n{result}");
        Assert.Contains("cannot be written", result.StdErr, result.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(_workspace.Store, _id, "checkpoint.json")));
    }
}
