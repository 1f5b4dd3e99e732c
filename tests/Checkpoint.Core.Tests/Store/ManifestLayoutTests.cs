using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Store;

/// <summary>checkpoint.json: the seed's schema, indented at the top, one compact line per file entry.</summary>
[TestClass]
public sealed class ManifestLayoutTests
{
    private static readonly string[] Paths = ["lecture.md", "exercises/e \"1\".md", "notes/café — ü.md", "it's {braces}.md"];

    private static async Task<(TempWorkspace Ws, string ManifestPath)> Saved()
    {
        TempWorkspace ws = new();
        for (int i = 0; i < Paths.Length; i++)
        {
            ws.Write(Paths[i], $"content {i} with a few words");
        }
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest
        {
            Name = "module-05", Stage = "draft", Notes = "line one\nline \"two\"", Metadata = new JsonObject { ["reviewer"] = "jane" },
        });
        return (ws, Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json"));
    }

    [TestMethod]
    public async Task Each_file_entry_is_one_compact_line_in_the_seed_key_order()
    {
        (TempWorkspace ws, string manifestPath) = await Saved();
        using TempWorkspace owned = ws;

        string[] lines = File.ReadAllLines(manifestPath);
        string[] entries = [.. lines.Where(line => line.TrimStart().StartsWith("{\"path\":", StringComparison.Ordinal))];

        Assert.HasCount(Paths.Length, entries);
        foreach (string entry in entries)
        {
            JsonObject parsed = JsonNode.Parse(entry.Trim().TrimEnd(','))!.AsObject();
            // The seed's keys in its order, then ours (format 3: the mode, where the system has one).
            string[] expected = OperatingSystem.IsWindows() ? ["path", "size", "modified", "hash", "word_count"] : ["path", "size", "modified", "hash", "word_count", "mode"];
            CollectionAssert.AreEqual(expected, parsed.Select(p => p.Key).ToArray());
            StringAssert.StartsWith(parsed["hash"]!.GetValue<string>(), "sha256:");
        }
        Assert.AreEqual("  \"name\": \"module-05\",", lines[1], "the top-level fields stay indented");
        Assert.IsLessThan(190.0, entries.Average(e => e.Length + 1.0), "bytes per entry, newline included");
    }

    [TestMethod]
    public async Task The_manifest_reads_the_same_in_System_Text_Json_and_in_Python_json_load()
    {
        (TempWorkspace ws, string manifestPath) = await Saved();
        using TempWorkspace owned = ws;

        JsonNode dotnet = JsonNode.Parse(File.ReadAllBytes(manifestPath))!;
        JsonNode python = JsonNode.Parse(PythonJsonRoundTrip(manifestPath))!;
        CheckpointDetail shown = ws.Engine.Show(new CheckpointRef("module-05", Latest: true));

        Assert.IsTrue(JsonNode.DeepEquals(dotnet, python), $"python read:\n{python.ToJsonString()}");
        CollectionAssert.AreEquivalent(Paths, dotnet["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToArray());
        Assert.AreEqual("line one\nline \"two\"", python["notes"]!.GetValue<string>());
        Assert.AreEqual("jane", python["metadata"]!["reviewer"]!.GetValue<string>());
        foreach (CheckpointFile file in shown.Files)
        {
            JsonNode entry = python["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == file.Path)!;
            Assert.AreEqual(file.Size, entry["size"]!.GetValue<long>());
            Assert.AreEqual(file.WordCount, entry["word_count"]!.GetValue<long>());
        }
    }

    /// <summary>What the seed's own reader sees: <c>json.load</c>, dumped back out for comparison.</summary>
    private static string PythonJsonRoundTrip(string path)
    {
        ProcessStartInfo start = new("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "-c", "import json,sys; print(json.dumps(json.load(open(sys.argv[1], encoding='utf-8'))))", path })
        {
            start.ArgumentList.Add(argument);
        }
        using Process python = Process.Start(start)!;
        string output = python.StandardOutput.ReadToEnd();
        string errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.AreEqual(0, python.ExitCode, errors);
        return output;
    }

    [TestMethod]
    public async Task A_fully_indented_manifest_from_before_still_lists_shows_and_verifies()
    {
        (TempWorkspace ws, string manifestPath) = await Saved();
        using TempWorkspace owned = ws;
        JsonNode manifest = JsonNode.Parse(File.ReadAllBytes(manifestPath))!;
        File.WriteAllText(manifestPath, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        StringAssert.Contains(File.ReadAllText(manifestPath), "\"path\": \"lecture.md\",\n", "the old layout: one field per line");

        CheckpointDetail shown = ws.Engine.Show(new CheckpointRef("module-05", Latest: true));
        VerifyResult verified = await ws.Engine.VerifyAsync();

        CollectionAssert.AreEquivalent(Paths, shown.Files.Select(f => f.Path).ToArray());
        Assert.IsTrue(verified.Ok);
    }

    [TestMethod]
    public async Task The_summary_of_a_big_checkpoint_lists_a_page_not_every_file()
    {
        using TempWorkspace ws = new();
        for (int folder = 0; folder < 120; folder++)
        {
            for (int file = 0; file < 3; file++)
            {
                ws.Write($"dir{folder:D3}/file{file}.md", $"{folder} {file}");
            }
        }
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "module-05", Stage = "draft" });

        string summary = File.ReadAllText(Path.Combine(ws.Store, saved.Checkpoint.Id, "CHECKPOINT_SUMMARY.md"));

        StringAssert.Contains(summary, "… and 160 more files.");
        StringAssert.Contains(summary, "| … and 70 more folders | 210 |");
        Assert.AreEqual(200, summary.Split('\n').Count(line => line.StartsWith("| `dir", StringComparison.Ordinal) && line.Contains(".md`")));
        Assert.AreEqual(50, summary.Split('\n').Count(line => line.StartsWith("| `dir", StringComparison.Ordinal) && line.Contains("/`")));
    }
}
