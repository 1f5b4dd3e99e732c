using System.Text;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>Damage to a compressed object, seen through the CLI: exit 3 naming the file, nothing written.</summary>
[TestClass]
public sealed class CompressedStoreTests
{
    private const string Notes = "notes/long-notes.md";

    private TestWorkspace _workspace = null!;
    private string _hash = null!;

    [TestInitialize]
    public async Task SaveCompressibleNotes()
    {
        _workspace = new TestWorkspace();
        StringBuilder text = new();
        for (var line = 0; text.Length < 8192; line++)
            text.Append("Line ").Append(line).Append(": containers isolate processes and images are layered.\n");
        _workspace.Write(Notes, text.ToString());
        _workspace.Write("README.md", "# Curriculum\n");
        var id = (await _workspace.Cli.RunAsync("save", "--name", "notes", "--stage", "draft")).AssertExit(0).CheckpointId;
        _hash = _workspace.Manifest(id).GetProperty("files").EnumerateArray()
            .Single(file => file.GetProperty("path").GetString() == Notes).GetProperty("hash").GetString()!;
        Assert.IsTrue(StoredObjects.IsCompressed(_workspace.Store, _hash), "8 KB of text is stored compressed");
        _workspace.Write(Notes, "# my current work\n");
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    [TestMethod]
    public async Task A_corrupted_compressed_object_makes_verify_and_resume_exit_3_naming_the_file()
    {
        StoredObjects.Corrupt(_workspace.Store, _hash);
        await AssertNamedAndNothingWritten();
    }

    [TestMethod]
    public async Task A_pack_index_claiming_an_absurd_length_makes_verify_and_resume_exit_3_naming_the_file()
    {
        StoredObjects.ClaimContentLength(_workspace.Store, _hash, int.MaxValue);
        await AssertNamedAndNothingWritten();
    }

    private async Task AssertNamedAndNothingWritten()
    {
        var before = _workspace.WorkingTreeFingerprint();

        var verify = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);
        var resume = (await _workspace.Cli.RunAsync("resume", "--name", "notes", "--latest")).AssertExit(3);

        Assert.IsTrue(verify.StdOutLines.Any(line => line.Contains(Notes)), verify.ToString());
        Assert.AreEqual("STATUS=FAIL ACTION=verify", verify.LastStdOutLine);
        Assert.Contains(Notes, resume.StdErr);
        Assert.AreEqual(before, _workspace.WorkingTreeFingerprint(), "A refused resume must not touch the working tree.");
        StatusLines.AssertFail(resume.LastStdOutLine, "resume");
    }
}
