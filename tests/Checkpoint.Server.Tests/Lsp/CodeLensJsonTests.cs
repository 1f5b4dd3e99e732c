using System.Buffers;
using System.Text.Json;
using Checkpoint.Server.Lsp;
using Checkpoint.Server.Lsp.Notes;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Tests.Lsp;

[TestClass]
public sealed class CodeLensJsonTests
{
    [TestMethod]
    public void Hand_written_lens_json_is_byte_for_byte_what_the_generated_serializer_writes()
    {
        var range = new Checkpoint.Server.Lsp.Range(new Position(12, 0), new Position(12, 41));
        IReadOnlyList<CodeLens> lenses =
        [
            new(range, new LspCommand("Resume brief", "checkpoint.lens.resumeBrief", ["file:///tmp/notes/caf%C3%A9/2026-01-04.md", 12])),
            new(range, new LspCommand("Progress 2/5 — «done»", "checkpoint.lens.showProgress", ["file:///tmp/notes/é \"quoted\".md", 12])),
            new(range, new LspCommand("Restore docs_20260104_101010", "checkpoint.lens.restoreSnapshot", ["docs_20260104_101010"])),
            new(range, new LspCommand("No arguments", "x")),
            // Neither a string nor an int: the general path (the generated serializer for object).
            new(range, new LspCommand("Element", "x", [JsonDocument.Parse("{\"uri\":\"file:///a.md\",\"lines\":[1,2],\"open\":true}").RootElement])),
            new(range),
        ];

        var handWritten = CodeLensJson.Serialize(lenses);

        var generated = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(generated, SerializedJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, lenses, LspFeatureJsonContext.Default.IReadOnlyListCodeLens);
        }
        Assert.AreEqual(System.Text.Encoding.UTF8.GetString(generated.WrittenSpan), System.Text.Encoding.UTF8.GetString(handWritten.Utf8.Span));
    }

    [TestMethod]
    public void Lens_lists_joined_from_parts_equal_the_whole_list_serialised_at_once()
    {
        var first = new CodeLens(new Checkpoint.Server.Lsp.Range(new Position(1, 0), new Position(1, 9)), Data: [0, 0]);
        var second = new CodeLens(new Checkpoint.Server.Lsp.Range(new Position(7, 0), new Position(7, 3)), Data: [0, 2]);
        var third = new CodeLens(new Checkpoint.Server.Lsp.Range(new Position(9, 0), new Position(9, 3)), Data: [0, 1]);

        var joined = CodeLensJson.Join([CodeLensJson.SerializeItems([first, second]), CodeLensJson.SerializeItems([]), CodeLensJson.SerializeItems([third])]);

        Assert.AreEqual(
            System.Text.Encoding.UTF8.GetString(CodeLensJson.Serialize([first, second, third]).Utf8.Span),
            System.Text.Encoding.UTF8.GetString(joined.Utf8.Span));
        Assert.AreEqual("[]", System.Text.Encoding.UTF8.GetString(CodeLensJson.Join([]).Utf8.Span));
    }
}
