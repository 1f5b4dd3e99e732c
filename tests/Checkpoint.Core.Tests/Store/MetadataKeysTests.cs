using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Store;

/// <summary>Metadata repeating a key: refused when given (every face), unreadable when stored (every verb alike).</summary>
[TestClass]
public sealed class MetadataKeysTests
{
    [TestMethod]
    [DataRow("{\"a\":1,\"a\":2}")]
    [DataRow("{\"outer\":{\"b\":1,\"b\":1}}")]
    [DataRow("{\"list\":[{\"c\":1,\"c\":2}]}")]
    public async Task A_stored_checkpoint_json_repeating_a_metadata_key_is_unreadable_for_verify_and_show_alike(string metadata)
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        SaveResult saved = await ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = "x" });
        string manifestPath = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"metadata\": {}", $"\"metadata\": {metadata}"));

        VerifyResult verify = await ws.Engine.VerifyAsync();
        CheckpointException show = Assert.ThrowsExactly<CheckpointException>(() => ws.Engine.Show(new CheckpointRef("work", Latest: true)));

        Assert.AreEqual(new DamagedFile("checkpoint.json", "unreadable"), verify.Checkpoints.Single().Damaged.Single());
        Assert.AreEqual(ErrorKind.Integrity, show.Kind);
    }

    [TestMethod]
    public async Task Metadata_parsed_with_a_repeated_key_is_refused_as_an_argument_and_nothing_is_saved()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        // What a language-server or MCP request deserialises to: the duplicate surfaces only when the object is read.
        JsonObject metadata = JsonNode.Parse("{\"reviewer\":\"jane\",\"reviewer\":\"joe\"}")!.AsObject();

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = "x", Metadata = metadata }));

        Assert.AreEqual(ErrorKind.InvalidArgument, e.Kind);
        StringAssert.Contains(e.Message, "repeats a key");
        Assert.IsEmpty(ws.Engine.List().Checkpoints);
    }
}
