namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A FIFO, socket or device is never saved (reading a FIFO would block the save) and never silently dropped: named in
/// <c>--files</c> or found in a folder, it is listed as skipped with its kind, in the save's output and checkpoint.json.
/// </summary>
[TestClass]
public sealed class SpecialFileTests
{
    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    private CliRunner Cli => SpecialFiles.OnLinuxLayer(_workspace.Cli);

    private static string[] SkippedIn(TestWorkspace workspace, string id, string path) =>
        workspace.Manifest(id).TryGetProperty("skipped", out var skipped)
            ? skipped.EnumerateArray().Where(entry => entry.GetProperty("path").GetString() == path).Select(entry => entry.GetProperty("reason").GetString()!).ToArray()
            : [];

    [TestMethod]
    [DataRow(SpecialFiles.Fifo)]
    [DataRow(SpecialFiles.Socket)]
    [DataRow(SpecialFiles.CharacterDevice)]
    public async Task Save_with_files_naming_a_special_file_saves_the_rest_and_lists_it_as_skipped_with_its_kind(string kind)
    {
        using var special = SpecialFiles.Create(kind, _workspace.PathOf("special"));

        var result = (await Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--files", "special", "README.md")).AssertExit(0);

        CollectionAssert.AreEqual(new[] { "README.md" }, _workspace.ManifestPaths(result.CheckpointId));
        CollectionAssert.AreEqual(new[] { $"not a regular file ({kind})" }, SkippedIn(_workspace, result.CheckpointId, "special"), result.ToString());
        Assert.Contains($"    special: not a regular file ({kind})", result.StdOutLines, result.ToString());
    }

    [TestMethod]
    [DataRow(SpecialFiles.Fifo)]
    [DataRow(SpecialFiles.Socket)]
    [DataRow(SpecialFiles.CharacterDevice)]
    public async Task Save_of_a_context_folder_holding_a_special_file_saves_the_rest_and_lists_it_as_skipped_with_its_kind(string kind)
    {
        using var special = SpecialFiles.Create(kind, _workspace.PathOf("working-modules/nested/special"));

        var result = (await Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--context", "working-modules")).AssertExit(0);

        CollectionAssert.AreEqual(new[] { "working-modules/draft-a.md", "working-modules/nested/draft-b.md" }, _workspace.ManifestPaths(result.CheckpointId));
        CollectionAssert.AreEqual(new[] { $"not a regular file ({kind})" }, SkippedIn(_workspace, result.CheckpointId, "working-modules/nested/special"), result.ToString());
        Assert.Contains($"    working-modules/nested/special: not a regular file ({kind})", result.StdOutLines, result.ToString());
    }

    [TestMethod]
    public async Task Save_json_lists_each_skipped_entry_with_its_reason()
    {
        using var special = SpecialFiles.Create(SpecialFiles.Fifo, _workspace.PathOf("working-modules/pipe"));

        var result = (await Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--context", "working-modules", "--json")).AssertExit(0);

        var skipped = result.Json.GetProperty("skipped").EnumerateArray().Single();
        Assert.AreEqual("working-modules/pipe", skipped.GetProperty("path").GetString());
        Assert.AreEqual("not a regular file (fifo)", skipped.GetProperty("reason").GetString());
    }

    [TestMethod]
    public async Task An_ignored_special_file_is_left_out_like_any_ignored_entry_and_not_listed_as_skipped()
    {
        _workspace.Write("working-modules/.gitignore", "*.pipe\n");
        using var special = SpecialFiles.Create(SpecialFiles.Fifo, _workspace.PathOf("working-modules/run.pipe"));

        var result = (await Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--context", "working-modules")).AssertExit(0);

        CollectionAssert.AreEqual(Array.Empty<string>(), SkippedIn(_workspace, result.CheckpointId, "working-modules/run.pipe"), result.ToString());
        Assert.DoesNotContain("run.pipe", result.StdOut);
    }

    [TestMethod]
    public async Task Save_with_a_glob_lists_the_special_file_it_matches_as_skipped_and_not_the_one_it_does_not()
    {
        using var matched = SpecialFiles.Create(SpecialFiles.Fifo, _workspace.PathOf("working-modules/live.md"));
        using var other = SpecialFiles.Create(SpecialFiles.Fifo, _workspace.PathOf("working-modules/other.pipe"));

        var result = (await Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--files", "working-modules/*.md")).AssertExit(0);

        CollectionAssert.AreEqual(new[] { "working-modules/draft-a.md" }, _workspace.ManifestPaths(result.CheckpointId));
        CollectionAssert.AreEqual(new[] { "not a regular file (fifo)" }, SkippedIn(_workspace, result.CheckpointId, "working-modules/live.md"), result.ToString());
        CollectionAssert.AreEqual(Array.Empty<string>(), SkippedIn(_workspace, result.CheckpointId, "working-modules/other.pipe"), "The glob does not name it.\n" + result);
    }
}
