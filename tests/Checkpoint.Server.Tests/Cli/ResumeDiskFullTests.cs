namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A restore onto a disk that fills up: the file that did not fit is listed under Failed (exit 1), and nothing says
/// every file was verified — not the page, not <c>--json</c>, not the report.
/// </summary>
[TestClass]
public sealed class ResumeDiskFullTests
{
    private TestWorkspace _workspace = null!;
    private string _target = null!;

    [TestInitialize]
    public async Task SaveABigAndASmallFile()
    {
        if (!PrivateMount.Available)
            Assert.Inconclusive("A small disk is mounted for the executable alone, which needs root and mount namespaces.");
        _workspace = new TestWorkspace();
        _workspace.Write("work/small.md", "fits\n");
        _workspace.Write("work/large.md", string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i}\n")));
        (await _workspace.Cli.RunAsync("save", "--name", "work", "--stage", "s", "--context", "work")).AssertExit(0);
        _target = Directory.CreateDirectory(_workspace.PathOf("small-disk")).FullName;
        _workspace.Cli.Wrapper = PrivateMount.SmallDisk(_target, 64);
    }

    [TestCleanup]
    public void DeleteWorkspace() => _workspace?.Dispose();

    [TestMethod]
    public async Task A_restore_onto_a_full_disk_lists_the_file_that_failed_and_does_not_claim_every_file_verified()
    {
        var report = _workspace.PathOf("report.md");

        var result = (await _workspace.Cli.RunAsync("resume", "--name", "work", "--latest", "--target", _target, "--report", report)).AssertExit(1);

        Assert.Contains("Failed:", result.StdOut, result.ToString());
        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("  ! work/large.md: ", StringComparison.Ordinal)), result.ToString());
        Assert.DoesNotContain("Verified", result.StdOut, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "resume");
        Assert.DoesNotContain("## Verified", File.ReadAllText(report));
    }

    [TestMethod]
    public async Task A_restore_onto_a_full_disk_is_not_verified_in_json()
    {
        var result = (await _workspace.Cli.RunAsync("resume", "--name", "work", "--latest", "--target", _target, "--json")).AssertExit(1);

        Assert.IsFalse(result.Json.GetProperty("verified").GetBoolean(), result.ToString());
        // The large file cannot fit; the small one may fail too when it is copied while the large one's temp fills the disk.
        CollectionAssert.Contains(result.Json.GetProperty("failed").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList(), "work/large.md", result.ToString());
    }
}
