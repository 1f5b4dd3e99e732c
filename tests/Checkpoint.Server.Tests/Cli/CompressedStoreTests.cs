using System.Text;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Damage to a compressed object, seen through the CLI: exit 3 naming the file, nothing written. Big files
/// (over 256 KB, stored loose) are Brotli streams; a small one next to it is a Zstandard frame in a pack, which
/// `verify` proves by its checksum and `verify --deep` by decoding it. Damaged compressed pack entries (absurd
/// lengths, dictionaries) are covered in Checkpoint.Core.Tests.
/// </summary>
[TestClass]
public sealed class CompressedStoreTests
{
    private const string BigNotes = "notes/long-notes.md";
    private const string SmallNotes = "notes/today.md";

    private TestWorkspace _workspace = null!;
    private string _bigHash = null!;
    private string _smallHash = null!;

    private static string Text(int length)
    {
        StringBuilder text = new();
        for (var line = 0; text.Length < length; line++)
            text.Append("Line ").Append(line).Append(": containers isolate processes and images are layered.\n");
        return text.ToString();
    }

    [TestInitialize]
    public async Task SaveNotes()
    {
        _workspace = new TestWorkspace();
        _workspace.Write(BigNotes, Text(300 * 1024));
        _workspace.Write(SmallNotes, Text(8 * 1024));
        _workspace.Write("README.md", "# Curriculum\n");
        var id = (await _workspace.Cli.RunAsync("save", "--name", "notes", "--stage", "draft")).AssertExit(0).CheckpointId;
        var files = _workspace.Manifest(id).GetProperty("files").EnumerateArray().ToArray();
        string HashOf(string path) => files.Single(file => file.GetProperty("path").GetString() == path).GetProperty("hash").GetString()!;
        _bigHash = HashOf(BigNotes);
        _smallHash = HashOf(SmallNotes);
        Assert.IsTrue(StoredObjects.IsCompressed(_workspace.Store, _bigHash), "300 KB of text is stored compressed");
        Assert.IsTrue(StoredObjects.IsCompressed(_workspace.Store, _smallHash), "8 KB of text is a Zstandard frame in a pack");
        _workspace.Write(BigNotes, "# my current work\n");
        _workspace.Write(SmallNotes, "# my current work\n");
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task A_corrupted_compressed_object_makes_verify_and_resume_exit_3_naming_the_file()
    {
        StoredObjects.Corrupt(_workspace.Store, _bigHash);
        await AssertNamedAndNothingWritten(BigNotes);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task A_corrupted_packed_entry_makes_verify_with_or_without_deep_and_resume_exit_3_naming_the_file(bool deep)
    {
        (await _workspace.Cli.RunAsync("verify", "--deep")).AssertExit(0);
        StoredObjects.Corrupt(_workspace.Store, _smallHash);
        await AssertNamedAndNothingWritten(SmallNotes, deep ? ["verify", "--deep"] : ["verify"]);
    }

    private async Task AssertNamedAndNothingWritten(string damaged, string[]? verifyArgs = null)
    {
        var before = _workspace.WorkingTreeFingerprint();

        var verify = (await _workspace.Cli.RunAsync(verifyArgs ?? ["verify"])).AssertExit(3);
        var resume = (await _workspace.Cli.RunAsync("resume", "--name", "notes", "--latest")).AssertExit(3);

        Assert.IsTrue(verify.StdOutLines.Any(line => line.Contains(damaged)), verify.ToString());
        Assert.AreEqual("STATUS=FAIL ACTION=verify", verify.LastStdOutLine);
        Assert.Contains(damaged, resume.StdErr);
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "A refused resume must not touch the working tree.");
        StatusLines.AssertFail(resume.LastStdOutLine, "resume");
    }
}
