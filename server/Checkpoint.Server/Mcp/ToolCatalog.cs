using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Checkpoint.Core;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// The 14 tools. <c>tools/list</c> answers from <c>tools.json</c> (embedded: names, titles, descriptions,
/// annotations, input and output schemas, as the SDK derives them from the tool methods); each tool's SDK
/// object (<see cref="McpServerTool.Create(MethodInfo, Func{RequestContext{CallToolRequestParams}, object}, McpServerToolCreateOptions?)"/>)
/// is built on its first call. Deriving all 14 at start cost ~100 ms of reflection in the Native AOT executable
/// (the JSON schema exporter reads every property's attributes), before <c>initialize</c> could be answered.
/// <c>ToolCatalogTests</c> derives the tools again from the methods and fails when the file differs (it says how
/// to regenerate it), and pins the <c>tools/list</c> answer byte for byte.
/// </summary>
internal static class ToolCatalog
{
    public const string ResourceName = "Checkpoint.Server.Mcp.tools.json";

    /// <summary>The tools as <c>tools/list</c> gives them, from the embedded file, in its order.</summary>
    public static IList<Tool> Listed()
    {
        using Stream stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using JsonDocument document = JsonDocument.Parse(stream);
        return Read(document.RootElement);
    }

    /// <summary>
    /// The file's tools read field by field from a <see cref="JsonDocument"/>, not through the SDK's JSON contract for
    /// <see cref="Tool"/>: configuring that contract's metadata (every property, its converters, the polymorphic
    /// content types) was ~10 % of the Native AOT start's CPU (perf), all before <c>initialize</c> could be answered.
    /// A field this does not know is refused, so a regenerated file with a new field fails ToolCatalogTests instead of
    /// dropping it from <c>tools/list</c>.
    /// </summary>
    internal static IList<Tool> Read(JsonElement root)
    {
        List<Tool> tools = [];
        foreach (JsonElement entry in root.GetProperty("tools").EnumerateArray())
        {
            Tool tool = new() { Name = entry.GetProperty("name").GetString() ?? throw new InvalidOperationException($"{ResourceName} lists a tool without a name.") };
            foreach (JsonProperty field in entry.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "name":
                        break;
                    case "title":
                        tool.Title = field.Value.GetString();
                        break;
                    case "description":
                        tool.Description = field.Value.GetString();
                        break;
                    case "inputSchema":
                        tool.InputSchema = field.Value.Clone();
                        break;
                    case "outputSchema":
                        tool.OutputSchema = field.Value.Clone();
                        break;
                    case "annotations":
                        tool.Annotations = ReadAnnotations(tool.Name, field.Value);
                        break;
                    default:
                        throw Unknown(tool.Name, field.Name);
                }
            }
            tools.Add(tool);
        }
        return tools;
    }

    private static ToolAnnotations ReadAnnotations(string tool, JsonElement value)
    {
        ToolAnnotations annotations = new();
        foreach (JsonProperty field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "title":
                    annotations.Title = field.Value.GetString();
                    break;
                case "readOnlyHint":
                    annotations.ReadOnlyHint = field.Value.GetBoolean();
                    break;
                case "destructiveHint":
                    annotations.DestructiveHint = field.Value.GetBoolean();
                    break;
                case "idempotentHint":
                    annotations.IdempotentHint = field.Value.GetBoolean();
                    break;
                case "openWorldHint":
                    annotations.OpenWorldHint = field.Value.GetBoolean();
                    break;
                default:
                    throw Unknown(tool, "annotations." + field.Name);
            }
        }
        return annotations;
    }

    private static InvalidOperationException Unknown(string tool, string field) =>
        new($"{ResourceName}: tool '{tool}' has the field '{field}', which ToolCatalog.Read does not read; teach it the field.");

    /// <summary>The server's tools on <paramref name="engine"/>: each one listed from the file, built from its method when first called.</summary>
    public static IEnumerable<McpServerTool> Deferred(CheckpointEngine engine, ConfirmationTokens tokens) =>
        Listed().Select(tool => new DeferredTool(tool, () => Build(tool.Name, tool.OutputSchema, engine, tokens)));

    /// <summary>Every tool built from its method now, schemas derived (what the file must equal; not for calling).</summary>
    public static IEnumerable<McpServerTool> Derived() => Methods(null, null).Select(m => Create(m.Method, m.Target, outputSchema: null));

    /// <summary>The file's text for <paramref name="tools"/>: the <c>tools/list</c> result, indented for review.</summary>
    public static string Serialize(IEnumerable<Tool> tools)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            JsonSerializer.Serialize(writer, new ListToolsResult { Tools = [.. tools] }, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult)));
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    internal static McpServerTool Build(string name, JsonElement? outputSchema, CheckpointEngine? engine, ConfirmationTokens? tokens)
    {
        foreach ((MethodInfo method, Func<RequestContext<CallToolRequestParams>, object> target) in Methods(engine, tokens))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>()!.Name == name)
            {
                return Create(method, target, outputSchema);
            }
        }
        throw new InvalidOperationException($"tools.json lists '{name}', which no tool method has: regenerate it (ToolCatalogTests).");
    }

    /// <summary>
    /// One tool as <c>WithTools&lt;T&gt;(options)</c> would make it, with the output schema either given (from the file)
    /// or built here from our source-generated JSON (<see cref="ToolOutputAttribute"/>): the SDK (2.4.0) derives the
    /// attribute's own <c>OutputSchemaType</c> with its default options, which have no metadata for our result types
    /// once reflection-based JSON is off (Native AOT, and every build of this project).
    /// </summary>
    private static McpServerTool Create(MethodInfo method, Func<RequestContext<CallToolRequestParams>, object> target, JsonElement? outputSchema) =>
        McpServerTool.Create(method, target, new McpServerToolCreateOptions
        {
            SerializerOptions = McpJsonContext.ToolOptions,
            OutputSchema = outputSchema
                ?? (method.GetCustomAttribute<ToolOutputAttribute>()?.Type is { } type ? AIJsonUtilities.CreateJsonSchema(type, serializerOptions: McpJsonContext.ToolOptions) : null),
        });

    // The tool classes in tools/list order, each with how a call makes its instance (no service container: the
    // server is made without one, see McpServerHost).
    private static IEnumerable<(MethodInfo Method, Func<RequestContext<CallToolRequestParams>, object> Target)> Methods(CheckpointEngine? engine, ConfirmationTokens? tokens) =>
        MethodsOf<SnapshotTools>(() => new SnapshotTools(Engine(engine), tokens ?? throw new InvalidOperationException("no confirmation tokens")))
            .Concat(MethodsOf<NoteTools>(() => new NoteTools(Engine(engine))))
            .Concat(MethodsOf<RemoteTools>(() => new RemoteTools(Engine(engine))));

    private static CheckpointEngine Engine(CheckpointEngine? engine) =>
        engine ?? throw new InvalidOperationException("These tools were derived for their description only, not for calling.");

    private static IEnumerable<(MethodInfo, Func<RequestContext<CallToolRequestParams>, object>)> MethodsOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] T>(Func<T> create)
        where T : class
    {
        foreach (MethodInfo method in typeof(T).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is not null)
            {
                yield return (method, _ => create());
            }
        }
    }

    /// <summary>A tool whose protocol description is known; its SDK object is built on first use (once, thread-safe).</summary>
    private sealed class DeferredTool(Tool protocolTool, Func<McpServerTool> build) : McpServerTool
    {
        private readonly Lazy<McpServerTool> _tool = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

        public override Tool ProtocolTool => protocolTool;

        public override IReadOnlyList<object> Metadata => _tool.Value.Metadata;

        public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
            _tool.Value.InvokeAsync(request, cancellationToken);
    }
}
