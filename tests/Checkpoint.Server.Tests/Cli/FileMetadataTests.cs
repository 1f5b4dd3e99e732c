using System.Text.Json.Nodes;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Modes, symbolic links and impossible paths end to end: what diff says about a mode change, what resume and verify
/// say about a checkpoint that lists a file and a file below it, and how modes and links cross a git remote.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
public sealed class FileMetadataTests
{
    private const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [TestMethod]
    public async Task Diff_reports_a_mode_only_change_as_M_and_says_which_modes_on_a_line_of_its_own()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("run.sh", "#!/bin/sh\necho run\n").Write("notes.md", "notes");
        File.SetUnixFileMode(workspace.PathOf("run.sh"), Mode755);
        (await workspace.Cli.RunAsync("save", "--name", "tools", "--stage", "s")).AssertExit(0);
        File.SetUnixFileMode(workspace.PathOf("run.sh"), Mode644);

        var text = (await workspace.Cli.RunAsync("diff", "--name", "tools", "--latest")).AssertExit(0);
        var json = (await workspace.Cli.RunAsync("diff", "--name", "tools", "--latest", "--json")).AssertExit(0);

        CollectionAssert.Contains(text.StdOutLines, "M  run.sh", "the status line keeps its shape: letter, two spaces, the path");
        CollectionAssert.Contains(text.StdOutLines, " mode change 0755 → 0644 run.sh", text.ToString());
        Assert.IsFalse(text.StdOutLines.Any(line => line.Contains("notes.md")));
        Assert.AreEqual("run.sh", json.Json.GetProperty("changed").EnumerateArray().Single().GetString());
        var change = json.Json.GetProperty("modeChanges").EnumerateArray().Single();
        Assert.AreEqual("run.sh", change.GetProperty("path").GetString());
        Assert.AreEqual("0755", change.GetProperty("before").GetString());
        Assert.AreEqual("0644", change.GetProperty("after").GetString());
    }

    [TestMethod]
    public async Task Save_then_resume_into_a_target_brings_back_a_scripts_mode_and_a_link()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("bin/run.sh", "#!/bin/sh\necho run\n").Write("docs/guide.md", "guide");
        File.SetUnixFileMode(workspace.PathOf("bin/run.sh"), Mode755);
        File.CreateSymbolicLink(workspace.PathOf("latest.md"), "docs/guide.md");
        (await workspace.Cli.RunAsync("save", "--name", "tools", "--stage", "s")).AssertExit(0);
        var target = workspace.PathOf("restored");

        var resumed = (await workspace.Cli.RunAsync("resume", "--name", "tools", "--latest", "--target", target)).AssertExit(0);

        Assert.AreEqual(Mode755, File.GetUnixFileMode(Path.Combine(target, "bin/run.sh")), resumed.ToString());
        Assert.AreEqual("docs/guide.md", new FileInfo(Path.Combine(target, "latest.md")).LinkTarget, resumed.ToString());
    }

    /// <summary>A saved checkpoint whose checkpoint.json is rewritten to list <c>a</c> and <c>a/b</c> (format 1: files inline, no trees).</summary>
    private static async Task<(TestWorkspace Workspace, string Id)> ForgedFileAndFolderAsync()
    {
        var workspace = new TestWorkspace();
        workspace.Write("x.md", "first").Write("y/z.md", "second");
        var id = (await workspace.Cli.RunAsync("save", "--name", "clash", "--stage", "s")).AssertExit(0).CheckpointId;
        var manifestPath = Path.Combine(workspace.Store, id, "checkpoint.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest.Remove("tree");
        manifest["format_version"] = 1;
        foreach (var file in manifest["files"]!.AsArray())
            file!["path"] = file["path"]!.GetValue<string>() == "x.md" ? "a" : "a/b";
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        workspace.Delete("x.md");
        Directory.Delete(workspace.PathOf("y"), recursive: true);
        return (workspace, id);
    }

    [TestMethod]
    public async Task Resume_of_a_checkpoint_listing_a_and_a_slash_b_exits_3_naming_both_and_writes_nothing()
    {
        var (workspace, _) = await ForgedFileAndFolderAsync();
        using var owned = workspace;
        var before = workspace.WorkingTreeFingerprint();

        var result = (await workspace.Cli.RunAsync("resume", "--name", "clash", "--latest")).AssertExit(3);

        StringAssert.Contains(result.StdErr + result.StdOut, "'a' is a file and also the folder of 'a/b'", result.ToString());
        StringAssert.Contains(result.StdErr + result.StdOut, "nothing was written");
        StringAssert.StartsWith(result.LastStdOutLine, "STATUS=FAIL ACTION=resume");
        Assert.AreEqual(before, workspace.WorkingTreeFingerprint());
    }

    [TestMethod]
    public async Task Verify_of_a_checkpoint_listing_a_and_a_slash_b_exits_3_naming_both()
    {
        var (workspace, id) = await ForgedFileAndFolderAsync();
        using var owned = workspace;

        var result = (await workspace.Cli.RunAsync("verify")).AssertExit(3);

        Assert.IsTrue(result.StdOutLines.Any(line => line.StartsWith("DAMAGED") && line.Contains(id)), result.ToString());
        Assert.IsTrue(result.StdOutLines.Any(line => line.Trim() == "unreadable a"), result.ToString());
        Assert.IsTrue(result.StdOutLines.Any(line => line.Trim() == "unreadable a/b"), result.ToString());
    }

    [TestMethod]
    public async Task Push_records_the_exec_bit_as_git_mode_100755_and_pull_restores_the_mode_and_the_link()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        laptop.Write("tools/run.sh", "#!/bin/sh\necho run\n").Write("tools/readme.md", "read me");
        File.SetUnixFileMode(laptop.PathOf("tools/run.sh"), Mode755);
        File.CreateSymbolicLink(laptop.PathOf("tools/latest.md"), "readme.md");
        var remote = GitFixture.BareRemote(Path.Combine(Path.GetTempPath(), "checkpoint-remote-tests", Guid.NewGuid().ToString("N")[..12], "remote.git"));
        var id = (await laptop.Cli.RunAsync("save", "--name", "tools", "--stage", "s", "--context", "tools")).AssertExit(0).CheckpointId;
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await laptop.Cli.RunAsync("push")).AssertExit(0);

        var tree = GitFixture.Run(remote, "ls-tree", "-r", $"refs/checkpoints/tools/{id["tools_".Length..]}");
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await devBox.Cli.RunAsync("pull")).AssertExit(0);
        var target = devBox.PathOf("restored");
        (await devBox.Cli.RunAsync("resume", "--name", "tools", "--latest", "--target", target)).AssertExit(0);

        Assert.IsTrue(tree.Split('\n').Any(line => line.StartsWith("100755 blob ") && line.EndsWith("\tfiles/tools/run.sh")), tree);
        Assert.IsTrue(tree.Split('\n').Any(line => line.StartsWith("100644 blob ") && line.EndsWith("\tfiles/tools/latest.md")), "a link travels as its target text in a plain file\n" + tree);
        Assert.AreEqual(Mode755, File.GetUnixFileMode(Path.Combine(target, "tools/run.sh")));
        Assert.AreEqual("readme.md", new FileInfo(Path.Combine(target, "tools/latest.md")).LinkTarget);
        (await devBox.Cli.RunAsync("verify")).AssertExit(0);
    }
}
