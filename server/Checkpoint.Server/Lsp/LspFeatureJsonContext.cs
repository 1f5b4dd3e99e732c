using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated JSON for the standard LSP shapes the feature handlers send and receive
/// (progress, code lenses, symbols, completions, diagnostics, commands, edits).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(ProgressParams))]
internal sealed partial class LspFeatureJsonContext : JsonSerializerContext;
