using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Snapshots;

[TestClass]
public sealed class SaveTests
{
    private static SaveRequest Request(string name = "module-05", string stage = "case-studies") =>
        new() { Name = name, Stage = stage, Notes = "Completed 3 case studies" };

    [TestMethod]
    public async Task Save_writes_checkpoint_json_with_exactly_the_seed_keys()
    {
        using TempWorkspace ws = new();
        ws.Write("lecture-notes.md", "one two  three\nfour");
        ws.Write("exercises/ex1.md", "alpha beta");

        SaveResult result = await ws.Engine.SaveAsync(Request() with { Metadata = new JsonObject { ["reviewer"] = "jane" } });

        string json = File.ReadAllText(Path.Combine(ws.Store, result.Checkpoint.Id, "checkpoint.json"));
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        foreach (string key in new[] { "name", "timestamp", "stage", "notes", "metadata", "files", "metrics" })
        {
            Assert.IsTrue(root.TryGetProperty(key, out _), $"missing seed key {key}");
        }
        Assert.AreEqual("module-05", root.GetProperty("name").GetString());
        Assert.AreEqual("case-studies", root.GetProperty("stage").GetString());
        Assert.AreEqual("Completed 3 case studies", root.GetProperty("notes").GetString());
        Assert.AreEqual("jane", root.GetProperty("metadata").GetProperty("reviewer").GetString());
        StringAssert.Matches(root.GetProperty("timestamp").GetString(), new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"));

        JsonElement[] files = [.. root.GetProperty("files").EnumerateArray()];
        Assert.HasCount(2, files);
        JsonElement notes = files.Single(f => f.GetProperty("path").GetString() == "lecture-notes.md");
        // The seed's keys, plus the mode (format 3) where the system has permission bits.
        string[] keys = OperatingSystem.IsWindows() ? ["path", "size", "modified", "hash", "word_count"] : ["path", "size", "modified", "hash", "word_count", "mode"];
        CollectionAssert.AreEquivalent(keys, notes.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(19, notes.GetProperty("size").GetInt64());
        Assert.AreEqual(4, notes.GetProperty("word_count").GetInt64());
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("one two  three\nfour"), notes.GetProperty("hash").GetString());
        Assert.AreEqual("exercises/ex1.md", files[0].GetProperty("path").GetString(), "paths are root-relative and /-separated");

        JsonElement metrics = root.GetProperty("metrics");
        CollectionAssert.AreEquivalent(new[] { "total_files", "total_words", "total_size" }, metrics.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(2, metrics.GetProperty("total_files").GetInt64());
        Assert.AreEqual(6, metrics.GetProperty("total_words").GetInt64());
        Assert.AreEqual(29, metrics.GetProperty("total_size").GetInt64());
        Assert.IsTrue(File.Exists(Path.Combine(ws.Store, result.Checkpoint.Id, "CHECKPOINT_SUMMARY.md")));
        Assert.AreEqual("*\n", File.ReadAllText(Path.Combine(ws.Store, ".gitignore")));
    }

    [TestMethod]
    public async Task Save_then_list_and_show_return_the_saved_fields()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "hello world");

        SaveResult saved = await ws.Engine.SaveAsync(Request());

        CheckpointSummary listed = ws.Engine.List().Checkpoints.Single();
        Assert.AreEqual(saved.Checkpoint.Id, listed.Id);
        Assert.AreEqual("module-05", listed.Name);
        StringAssert.StartsWith(listed.Id, "module-05_");
        Assert.AreEqual(listed.Id, $"{listed.Name}_{listed.Timestamp}");
        Assert.AreEqual("case-studies", listed.Stage);
        Assert.AreEqual(1, listed.TotalFiles);
        Assert.AreEqual(2, listed.TotalWords);
        Assert.AreEqual("objects", listed.Layout);
        CollectionAssert.AreEqual(new[] { "" }, listed.Scope.ToArray());

        CheckpointDetail detail = ws.Engine.Show(new CheckpointRef("module-05", Latest: true));
        Assert.AreEqual(saved.Checkpoint.Id, detail.Id);
        CheckpointFile file = detail.Files.Single();
        Assert.AreEqual("a.md", file.Path);
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("hello world"), file.Hash);
        Assert.AreEqual(2, file.WordCount);
    }

    [TestMethod]
    public async Task Two_saves_in_the_same_second_get_a_collision_suffix()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "x");
        SaveResult previous = await ws.Engine.SaveAsync(Request());
        // Saves take milliseconds, so two in a row share a second unless they straddle a boundary.
        for (int attempt = 0; attempt < 10; attempt++)
        {
            SaveResult next = await ws.Engine.SaveAsync(Request());
            if (next.Checkpoint.Timestamp[..15] == previous.Checkpoint.Timestamp[..15])
            {
                StringAssert.Matches(next.Checkpoint.Timestamp, new System.Text.RegularExpressions.Regex(@"^\d{8}_\d{6}_\d+$"));
                Assert.AreNotEqual(previous.Checkpoint.Id, next.Checkpoint.Id);
                Assert.AreEqual(attempt + 2, ws.Engine.List("module-05").Checkpoints.Count);
                return;
            }
            previous = next;
        }
        Assert.Fail("no two saves landed within one second");
    }

    [TestMethod]
    public async Task Second_save_of_an_unchanged_tree_writes_no_new_objects()
    {
        using TempWorkspace ws = new();
        for (int i = 0; i < 50; i++)
        {
            ws.Write($"d{i % 5}/f{i}.txt", $"content {i}");
        }
        SaveResult first = await ws.Engine.SaveAsync(Request());
        int objectsAfterFirst = ws.ObjectCount();

        SaveResult second = await ws.Engine.SaveAsync(Request());

        Assert.AreEqual(50, first.NewObjects);
        Assert.AreEqual(0, second.NewObjects);
        Assert.AreEqual(50, second.ReusedObjects);
        Assert.AreEqual(0, second.BytesWritten);
        Assert.AreEqual(objectsAfterFirst, ws.ObjectCount());
    }

    [TestMethod]
    public async Task A_save_after_one_percent_churn_writes_only_the_churned_objects()
    {
        using TempWorkspace ws = new();
        for (int i = 0; i < 200; i++)
        {
            ws.Write($"d{i % 10}/f{i}.txt", $"content {i}");
        }
        await ws.Engine.SaveAsync(Request());
        ws.Write("d0/f0.txt", "changed 0");
        ws.Write("d1/f1.txt", "changed 1 with another length");

        SaveResult second = await ws.Engine.SaveAsync(Request());

        Assert.AreEqual(2, second.NewObjects);
        Assert.AreEqual(202, ws.ObjectCount());
    }

    [TestMethod]
    [DataRow("bad name")]
    [DataRow("")]
    [DataRow("a/b")]
    [DataRow("../x")]
    [DataRow("123456789012345678901234567890123456789012345678901")]
    public async Task Save_refuses_an_invalid_name_and_states_the_rule(string name)
    {
        using TempWorkspace ws = new();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(name: name)));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "letters, digits, '-' and '_', 1 to 50 characters");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("two\nlines")]
    public async Task Save_refuses_an_empty_or_multi_line_stage(string stage)
    {
        using TempWorkspace ws = new();
        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() => ws.Engine.SaveAsync(Request(stage: stage)));
        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
    }

    [TestMethod]
    public async Task Unusual_file_names_round_trip_through_checkpoint_json_and_resume()
    {
        using TempWorkspace ws = new();
        string[] names = ["quote\".md", "tab\there.md", "été/naïve 文件.md", "plain.md"];
        foreach (string name in names)
        {
            ws.Write(name, "content of " + name);
        }
        ws.Write("back\\slash.md", "cannot be restored safely");

        SaveResult saved = await ws.Engine.SaveAsync(Request());

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json")));
        string[] paths = [.. doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)];
        CollectionAssert.AreEquivalent(names, paths);
        CollectionAssert.AreEqual(paths.OrderBy(p => p, StringComparer.Ordinal).ToArray(), paths, "files are in ordinal path order");
        string target = ws.PathOf("restored");
        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("module-05", Latest: true), Target = target });
        foreach (string name in names)
        {
            Assert.AreEqual("content of " + name, File.ReadAllText(Path.Combine(target, name)));
        }
    }

    [TestMethod]
    public async Task Saved_paths_are_in_ordinal_order_across_folders()
    {
        using TempWorkspace ws = new();
        foreach (string name in new[] { "a0.md", "a/x.md", "a.b", "a-c/y.md", "b/z.md", "A.md" })
        {
            ws.Write(name, name);
        }

        SaveResult saved = await ws.Engine.SaveAsync(Request());

        string[] paths = [.. ws.Engine.Show(new CheckpointRef("module-05", Latest: true)).Files.Select(f => f.Path)];
        CollectionAssert.AreEqual(new[] { "A.md", "a-c/y.md", "a.b", "a/x.md", "a0.md", "b/z.md" }, paths);
        Assert.AreEqual(6, saved.Checkpoint.TotalFiles);
    }
}
