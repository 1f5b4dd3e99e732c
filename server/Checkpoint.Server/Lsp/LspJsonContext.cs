using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated serialization for every LSP wire type: camelCase, nulls omitted when writing,
/// no reflection at run time. Types the server only sends use the serialize-only fast path: no
/// metadata is built for them, which keeps start-up short.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(LogMessageParams), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(WorkDoneProgressTokenParams))]
[JsonSerializable(typeof(WorkDoneProgressParams), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
public sealed partial class LspJsonContext : JsonSerializerContext;
