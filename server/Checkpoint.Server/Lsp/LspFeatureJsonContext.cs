using System.Text.Json;
using System.Text.Json.Serialization;
using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated JSON for the wire types of the notes features (Protocol.Lsp.Features.cs): camelCase,
/// nulls omitted, numbers for enums as LSP wants them.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CodeLensParams))]
[JsonSerializable(typeof(IReadOnlyList<CodeLens>))]
[JsonSerializable(typeof(CodeLens))]
[JsonSerializable(typeof(SerializedJson), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(DocumentSymbolParams))]
[JsonSerializable(typeof(IReadOnlyList<DocumentSymbol>))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(IReadOnlyList<CompletionItem>))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class LspFeatureJsonContext : JsonSerializerContext;
