using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Checkpoint.Core;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Builds the MCP server for one workspace: the tools, resources and prompts of this folder, bad-input handling
/// (<see cref="ToolArguments"/>). No generic host and no service container either: the options are filled in here,
/// as the SDK's <c>AddMcpServer().WithTools(…)</c> would fill them, because an agent waits for <c>initialize</c> on
/// every spawn and resolving the SDK's options through the container cost ~15 ms of reflection in the Native AOT
/// executable. The tools are listed from a precomputed file and built on first call (<see cref="ToolCatalog"/>).
/// </summary>
internal static class McpServerHost
{
    private static readonly string? Version =
        typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private const string Instructions =
        "Checkpoint saves and restores named snapshots of this workspace's files, and keeps episodic notes " +
        "(memory/episodic/YYYY-MM-DD.md) that survive a context reset. Save before risky changes (checkpoint_save), " +
        "compare with checkpoint_diff, restore with checkpoint_restore (preview first, then confirm with the token; a " +
        "safety checkpoint makes every restore undoable). As the context fills, write the entry checkpoint_context_advice " +
        "names with checkpoint_note; after a reset, call checkpoint_recover first.";

    /// <summary>The server on <paramref name="transport"/>; run it with <see cref="McpServer.RunAsync"/>.</summary>
    public static McpServer Create(ITransport transport, CheckpointEngine engine, ILoggerFactory loggerFactory, ConfirmationTokens? tokens = null)
    {
        tokens ??= new ConfirmationTokens();
        McpServerPrimitiveCollection<McpServerTool> tools = [];
        foreach (McpServerTool tool in ToolCatalog.Deferred(engine, tokens))
        {
            tools.TryAdd(tool);
        }
        McpServerResourceCollection resources = [];
        foreach (MethodInfo method in Annotated<CheckpointResources, McpServerResourceAttribute>())
        {
            resources.TryAdd(new DeferredResource(method, () => McpServerResource.Create(method, _ => new CheckpointResources(engine))));
        }
        McpServerPrimitiveCollection<McpServerPrompt> prompts = [];
        foreach (MethodInfo method in Annotated<CheckpointPrompts, McpServerPromptAttribute>())
        {
            prompts.TryAdd(new DeferredPrompt(method, () => McpServerPrompt.Create(method, target: null, new McpServerPromptCreateOptions { SerializerOptions = McpJsonContext.ToolOptions })));
        }
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "checkpoint", Title = "Checkpoint", Version = Version ?? "0.0.0" },
            ServerInstructions = Instructions,
            ToolCollection = tools,
            ResourceCollection = resources,
            PromptCollection = prompts,
            Handlers = new McpServerHandlers
            {
                ListResourcesHandler = (_, _) => ValueTask.FromResult(CheckpointResources.List(engine)),
                // Reached only for a name no tool has (the SDK matches its tools first).
                CallToolHandler = (request, _) => ValueTask.FromResult(ToolArguments.UnknownTool(
                    request.Params?.Name, request.Server.ServerOptions.ToolCollection?.Select(t => t.ProtocolTool.Name) ?? [])),
            },
        };
        options.Filters.Request.CallToolFilters.Add(ToolArguments.Guard);
        return McpServer.Create(transport, options, loggerFactory);
    }

    /// <summary>
    /// A resource template described from its attributes; the SDK's resource (its URI-template parser is a regex, and its
    /// function descriptor reflection: ~5 ms of the Native AOT start) is built when a URI is first matched or read.
    /// ToolCatalogTests pins resources/templates/list and compares the description with the SDK's own.
    /// </summary>
    internal sealed class DeferredResource(MethodInfo method, Func<McpServerResource> build) : McpServerResource
    {
        private readonly Lazy<McpServerResource> _resource = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly ResourceTemplate _template = Describe(method);

        public McpServerResource Built => _resource.Value;

        public override ResourceTemplate ProtocolResourceTemplate => _template;

        public override Resource? ProtocolResource => null;

        public override IReadOnlyList<object> Metadata => Built.Metadata;

        public override bool IsMatch(string uri) => Built.IsMatch(uri);

        public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default) =>
            Built.ReadAsync(request, cancellationToken);

        private static ResourceTemplate Describe(MethodInfo method)
        {
            McpServerResourceAttribute attribute = method.GetCustomAttribute<McpServerResourceAttribute>()!;
            return new ResourceTemplate
            {
                Name = attribute.Name ?? method.Name,
                Title = attribute.Title,
                UriTemplate = attribute.UriTemplate ?? throw new InvalidOperationException($"{method.Name} has no URI template."),
                Description = method.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description,
                MimeType = attribute.MimeType,
            };
        }
    }

    /// <summary>
    /// A prompt described from its attributes and parameters; the SDK's prompt (an AIFunction whose parameter schema the
    /// JSON schema exporter derives by reflection: 12 % of the Native AOT start's CPU, measured with perf) is built on
    /// the first <c>prompts/get</c>. ToolCatalogTests compares the description with the SDK's own.
    /// </summary>
    internal sealed class DeferredPrompt(MethodInfo method, Func<McpServerPrompt> build) : McpServerPrompt
    {
        private readonly Lazy<McpServerPrompt> _prompt = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly Prompt _description = Describe(method);

        public McpServerPrompt Built => _prompt.Value;

        public override Prompt ProtocolPrompt => _description;

        public override IReadOnlyList<object> Metadata => Built.Metadata;

        public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default) =>
            Built.GetAsync(request, cancellationToken);

        // The SDK's rule: every parameter is an argument (these prompts take no context or services), required when it has no default.
        private static Prompt Describe(MethodInfo method)
        {
            McpServerPromptAttribute attribute = method.GetCustomAttribute<McpServerPromptAttribute>()!;
            return new Prompt
            {
                Name = attribute.Name ?? method.Name,
                Title = attribute.Title,
                Description = method.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description,
                Arguments = [.. method.GetParameters().Select(parameter => new PromptArgument
                {
                    Name = parameter.Name ?? throw new InvalidOperationException($"{method.Name} has a parameter without a name."),
                    Description = parameter.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description,
                    Required = !parameter.HasDefaultValue,
                })],
            };
        }
    }

    // The methods WithResources<T>() / WithPrompts<T>() would take: those carrying the SDK's attribute, static or not
    // (CheckpointPrompts' are static, CheckpointResources' are instance methods made on each read).
    private static IEnumerable<MethodInfo> Annotated<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] T, TAttribute>()
        where TAttribute : Attribute =>
        typeof(T).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(method => method.GetCustomAttribute<TAttribute>() is not null);
}
