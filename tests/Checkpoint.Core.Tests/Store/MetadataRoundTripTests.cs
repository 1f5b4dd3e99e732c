using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Store;

/// <summary>
/// Writer and reader accept the same metadata: whatever a face hands the engine is either refused by the save
/// (an argument error, nothing written) or written so that list, show and verify read it back unchanged. Never a
/// save that reports success and leaves a checkpoint its own reader calls damaged.
/// </summary>
[TestClass]
public sealed class MetadataRoundTripTests
{
    private const int Cases = 150;

    // What a language-server or MCP transport hands over: parsed without the engine's rules (repeated keys kept,
    // any depth its parser allows).
    private static readonly JsonDocumentOptions TransportOptions = new() { MaxDepth = 256 };

    [TestMethod]
    [DataRow(14_003)]
    [DataRow(271_828)]
    public async Task Generated_metadata_is_refused_by_the_save_or_read_back_unchanged_by_list_show_and_verify(int seed)
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        MetadataGenerator generator = new(seed);
        int saved = 0, refused = 0;
        for (int i = 0; i < Cases; i++)
        {
            GeneratedMetadata generated = generator.Next();
            string context = $"seed {seed}, case {i}: {generated}";
            JsonObject metadata = JsonNode.Parse(generated.Json, documentOptions: TransportOptions)!.AsObject();
            string name = $"m{i}";

            SaveResult result;
            try
            {
                result = await ws.Engine.SaveAsync(new SaveRequest { Name = name, Stage = "s", Files = ["a.md"], Metadata = metadata });
            }
            catch (CheckpointException e) when (e.Kind == ErrorKind.InvalidArgument)
            {
                Assert.IsFalse(generated.Ordinary, $"An ordinary document was refused ({e.Message}); {context}");
                Assert.IsFalse(ws.Engine.List(name).Checkpoints.Any(), $"A refused save left a checkpoint; {context}");
                refused++;
                continue;
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                Assert.Fail($"The save failed with {e.GetType().Name} ({e.Message}), not an argument error; {context}");
                throw;
            }

            string id = result.Checkpoint.Id;
            Assert.IsTrue(ws.Engine.List(name).Checkpoints.Any(c => c.Id == id), $"list hides what the save reported; {context}");
            VerifyResult verify = await ws.Engine.VerifyAsync(name);
            Assert.IsTrue(verify.Ok, $"verify calls a fresh save damaged: {string.Join(", ", verify.Checkpoints.SelectMany(c => c.Damaged))}; {context}");
            CheckpointDetail shown = ws.Engine.Show(new CheckpointRef(name, Latest: true));
            Assert.IsTrue(JsonNode.DeepEquals(metadata, shown.Metadata), $"show returned other metadata: {shown.Metadata.ToJsonString()}; {context}");
            Assert.AreEqual(metadata.ToJsonString(), shown.Metadata.ToJsonString(), context);

            // And any other reader of checkpoint.json (the seed's tools are Python's json) finds the same document.
            using JsonDocument stored = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ws.Store, id, "checkpoint.json")), TransportOptions);
            using JsonDocument given = JsonDocument.Parse(generated.Json, TransportOptions);
            Assert.IsTrue(JsonElement.DeepEquals(given.RootElement, stored.RootElement.GetProperty("metadata")), $"checkpoint.json holds other metadata; {context}");
            saved++;
        }
        Assert.IsGreaterThan(Cases / 3, saved, $"the generator should mostly produce acceptable documents ({saved} saved, {refused} refused)");
        Assert.IsGreaterThan(0, refused, "the generator should reach past the limits");
    }

    [TestMethod]
    [DataRow(CheckpointMetadata.MaxDepth + 1, true, DisplayName = "just past the save's limit")]
    [DataRow(CheckpointMetadata.ManifestMaxDepth - 1, true, DisplayName = "as deep as earlier versions wrote")]
    [DataRow(CheckpointMetadata.ManifestMaxDepth, false, DisplayName = "deeper than checkpoint.json reads")]
    public async Task Stored_metadata_deeper_than_a_save_accepts_still_reads_up_to_what_earlier_versions_wrote(int depth, bool readable)
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "old", Stage = "s" });
        string manifest = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        string nested = string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"metadata\": {}", $"\"metadata\": {nested}"));

        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.AreEqual(readable, verify.Ok, string.Join(", ", verify.Checkpoints.SelectMany(c => c.Damaged)));
        Assert.AreEqual(readable ? 1 : 0, ws.Engine.List().Checkpoints.Count);
    }
}
