using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated serialization for every LSP wire type: camelCase, nulls omitted when writing,
/// no reflection at run time (which also keeps start-up fast).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(WorkDoneProgressTokenParams))]
[JsonSerializable(typeof(WorkDoneProgressParams))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
public sealed partial class LspJsonContext : JsonSerializerContext;
