using System.Reflection;
using Checkpoint.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Builds the MCP server for one workspace: the tools, resources and prompts of this folder, bad-input handling
/// (<see cref="ToolArguments"/>), and no generic host — a service collection is all the SDK needs, and an agent
/// waits for <c>initialize</c> on every spawn.
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
        ServiceCollection services = new();
        services.AddSingleton(engine);
        services.AddSingleton(tokens ?? new ConfirmationTokens());
        services.AddSingleton(loggerFactory);
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "checkpoint", Title = "Checkpoint", Version = Version ?? "0.0.0" };
                options.ServerInstructions = Instructions;
            })
            .WithTools(ToolCatalog.Deferred())
            .WithResources<CheckpointResources>()
            .WithPrompts<CheckpointPrompts>(McpJsonContext.ToolOptions)
            .WithListResourcesHandler((_, _) => ValueTask.FromResult(CheckpointResources.List(engine)))
            // Reached only for a name no tool has (the SDK matches its tools first).
            .WithCallToolHandler((request, _) => ValueTask.FromResult(ToolArguments.UnknownTool(
                request.Params?.Name, request.Server.ServerOptions.ToolCollection?.Select(t => t.ProtocolTool.Name) ?? [])))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolArguments.Guard));
        ServiceProvider provider = services.BuildServiceProvider();
        McpServerOptions options = provider.GetRequiredService<IOptions<McpServerOptions>>().Value;
        return McpServer.Create(transport, options, loggerFactory, provider);
    }
}
