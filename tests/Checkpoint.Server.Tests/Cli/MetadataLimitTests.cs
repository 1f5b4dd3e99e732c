namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A save that reports OK leaves a checkpoint every verb can read: metadata the reader would call damaged is refused
/// by the save (exit 2, nothing written), and a checkpoint.json that is not what the writer writes is damage (exit 3).
/// </summary>
[TestClass]
public sealed class MetadataLimitTests
{
    /// <summary>The documented limit (README, "What is saved"): the metadata object itself is level 1.</summary>
    private const int MaxDepth = 32;

    private TestWorkspace _workspace = null!;

    [TestInitialize]
    public void CreateWorkspace() => _workspace = new TestWorkspace().WithSeedModules();

    [TestCleanup]
    public void DeleteWorkspace() => _workspace.Dispose();

    /// <summary><c>{"a":{"a":…{}…}}</c>: <paramref name="depth"/> objects, one inside the other.</summary>
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    private bool Saved(string name) => Directory.Exists(_workspace.Store) && Directory.EnumerateDirectories(_workspace.Store, name + "_*").Any();

    [TestMethod]
    [DataRow(MaxDepth + 1)]
    [DataRow(64)]
    public async Task Save_with_metadata_nested_past_the_limit_exits_2_saying_the_limit_and_saves_nothing(int depth)
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "deep", "--stage", "s", "--files", "README.md", "--metadata", Nested(depth))).AssertExit(2);

        Assert.Contains("--metadata", result.StdErr, result.ToString());
        Assert.Contains($"at most {MaxDepth}", result.StdErr, result.ToString());
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Saved("deep"), "Nothing may be saved.");
    }

    [TestMethod]
    public async Task Metadata_nested_to_the_limit_saves_a_checkpoint_that_lists_verifies_shows_and_resumes()
    {
        var id = (await _workspace.Cli.RunAsync("save", "--name", "deep", "--stage", "s", "--files", "README.md", "--metadata", Nested(MaxDepth))).AssertExit(0).CheckpointId;

        Assert.Contains(id["deep_".Length..], (await _workspace.Cli.RunAsync("list")).AssertExit(0).StdOut);
        (await _workspace.Cli.RunAsync("verify", "--name", "deep")).AssertExit(0);
        var shown = (await _workspace.Cli.RunAsync("show", "--name", "deep", "--latest", "--json")).AssertExit(0);
        (await _workspace.Cli.RunAsync("resume", "--name", "deep", "--latest", "--target", Path.Combine(_workspace.Root, "restored"))).AssertExit(0);

        Assert.AreEqual(Nested(MaxDepth), shown.Json.GetProperty("metadata").GetRawText());
    }

    [TestMethod]
    [DataRow("{\"\\udc00x\":1}", DisplayName = "a key")]
    [DataRow("{\"k\":\"\\ud800\"}", DisplayName = "a value")]
    [DataRow("{\"k\":[{\"j\":\"a\\ud83d\"}]}", DisplayName = "a nested value")]
    public async Task Save_with_a_lone_surrogate_in_metadata_exits_2_without_a_stack_trace(string metadata)
    {
        var result = (await _workspace.Cli.RunAsync("save", "--name", "odd", "--stage", "s", "--files", "README.md", "--metadata", metadata)).AssertExit(2);

        Assert.Contains("--metadata", result.StdErr, result.ToString());
        Assert.DoesNotContain("Unhandled", result.StdErr + result.StdOut);
        Assert.DoesNotContain("Unexpected error", result.StdErr);
        StatusLines.AssertFail(result.LastStdOutLine, "save");
        Assert.IsFalse(Saved("odd"), "Nothing may be saved.");
    }

    [TestMethod]
    [DataRow("name", "\"other\"")]
    [DataRow("stage", "\"other\"")]
    [DataRow("files", "[]")]
    [DataRow("metadata", "{}")]
    [DataRow("metrics", "{\"total_files\": 0}")]
    public async Task A_checkpoint_json_repeating_a_top_level_key_is_damaged_verify_exits_3_naming_the_checkpoint(string key, string value)
    {
        var id = (await _workspace.Cli.RunAsync("save", "--name", "twice", "--stage", "s", "--files", "README.md")).AssertExit(0).CheckpointId;
        var manifest = Path.Combine(_workspace.Store, id, "checkpoint.json");
        // The seed's tools (Python's json) would read the last of the two; which one the writer meant is unknowable.
        File.WriteAllText(manifest, File.ReadAllText(manifest).TrimEnd().TrimEnd('}') + $",\n  \"{key}\": {value}\n}}\n");

        var verify = (await _workspace.Cli.RunAsync("verify")).AssertExit(3);
        var show = (await _workspace.Cli.RunAsync("show", "--name", "twice", "--latest")).AssertExit(3);

        Assert.IsTrue(verify.StdOutLines.Any(line => line.StartsWith("DAMAGED") && line.Contains(id)), verify.ToString());
        Assert.Contains("checkpoint.json", verify.StdOut);
        Assert.Contains(id, show.StdErr, show.ToString());
        Assert.Contains($"\"{key}\"", show.StdErr, "The message names the repeated key.\n" + show);
    }
}
