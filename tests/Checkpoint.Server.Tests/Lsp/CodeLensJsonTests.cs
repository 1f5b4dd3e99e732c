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
            new(range),
        ];

        var handWritten = CodeLensJson.Serialize(lenses);

        var generated = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(generated, JsonRpcEnvelope.WriterOptions))
        {
            JsonSerializer.Serialize(writer, lenses, LspFeatureJsonContext.Default.IReadOnlyListCodeLens);
        }
        Assert.AreEqual(System.Text.Encoding.UTF8.GetString(generated.WrittenSpan), System.Text.Encoding.UTF8.GetString(handWritten.Utf8.Span));
    }
}
