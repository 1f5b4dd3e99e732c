using System.Text.Json;
using System.Text.Json.Serialization;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using ModelContextProtocol;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Source-generated JSON for every tool argument and structured result: the server is published with Native AOT,
/// where reflection-based serialization does not exist. <see cref="ToolOptions"/> puts it in front of the SDK's own.
/// </summary>
// Nulls are written, unlike the CLI's --json: the output schemas the SDK derives from these records list every
// positional member as required (nullable ones as ["…", "null"]), and clients validate structured content with them.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(SaveResult))]
[JsonSerializable(typeof(ListResult))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(ShowToolResult))]
[JsonSerializable(typeof(DiffToolResult))]
[JsonSerializable(typeof(ConfirmedToolResult))]
[JsonSerializable(typeof(NoteToolResult))]
[JsonSerializable(typeof(RecoverToolResult))]
[JsonSerializable(typeof(ContextAdviceResult))]
[JsonSerializable(typeof(PruneToolResult))]
[JsonSerializable(typeof(ToolError))]
[JsonSerializable(typeof(TransferResult))]
[JsonSerializable(typeof(RemotesToolResult))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
    /// <summary>Our types first, then the SDK's protocol types.</summary>
    // Built on first use, not in a static initializer: this part's initializers run before the generated part's, so
    // `Default` was still null there and the chain silently held the SDK's resolvers only (no metadata for our types
    // once reflection-based JSON is off: the server failed at start). McpProcessTests and tests/mcp spawn it.
    public static JsonSerializerOptions ToolOptions => s_toolOptions ??= CreateToolOptions();

    private static JsonSerializerOptions? s_toolOptions;

    private static JsonSerializerOptions CreateToolOptions()
    {
        // The copy keeps the SDK's settings; the resolver chain is ours first, then the SDK's.
        JsonSerializerOptions options = new(McpJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(Default);
        options.TypeInfoResolverChain.Add(McpJsonUtilities.DefaultOptions.TypeInfoResolver!);
        options.MakeReadOnly();
        return options;
    }
}
