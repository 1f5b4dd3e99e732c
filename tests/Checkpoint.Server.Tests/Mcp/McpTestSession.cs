using System.IO.Pipelines;
using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Server.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Tests.Mcp;

/// <summary>
/// The MCP server in this process on one end of a pipe pair and the SDK's own <see cref="McpClient"/> on the
/// other: the same server code <c>checkpoint mcp</c> runs, without a process per test.
/// </summary>
internal sealed class McpTestSession : IAsyncDisposable
{
    private readonly McpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stop;

    private readonly Pipe[] _pipes;

    private McpTestSession(McpServer server, McpClient client, Task running, Pipe[] pipes, CancellationTokenSource stop)
    {
        _pipes = pipes;
        _stop = stop;
        _server = server;
        Client = client;
        _running = running;
    }

    public McpClient Client { get; }

    /// <param name="elicit">When given, the client declares elicitation and answers with it.</param>
    public static async Task<McpTestSession> StartAsync(string root, Func<ElicitRequestParams?, ElicitResult>? elicit = null, ConfirmationTokens? tokens = null)
    {
        Pipe toServer = new(), toClient = new();
        var serverTransport = new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "checkpoint-test", NullLoggerFactory.Instance);
        McpServer server = McpServerHost.Create(serverTransport, new CheckpointEngine(root), NullLoggerFactory.Instance, tokens);
        var stop = new CancellationTokenSource();
        Task running = server.RunAsync(stop.Token);
        McpClientOptions options = new() { ClientInfo = new Implementation { Name = "McpTestSession", Version = "1" } };
        if (elicit is not null)
        {
            options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() };
            options.Handlers = new McpClientHandlers { ElicitationHandler = (request, _) => ValueTask.FromResult(elicit(request)) };
        }
        McpClient client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), NullLoggerFactory.Instance), options).ConfigureAwait(false);
        return new McpTestSession(server, client, running, [toServer, toClient], stop);
    }

    /// <summary>Calls <paramref name="tool"/> with arguments written as JSON.</summary>
    public Task<CallToolResult> CallAsync(string tool, string argumentsJson = "{}") => Call(Client, tool, argumentsJson);

    public static async Task<CallToolResult> Call(McpClient client, string tool, string argumentsJson = "{}")
    {
        Dictionary<string, JsonElement> arguments = [];
        foreach (JsonProperty property in JsonDocument.Parse(argumentsJson).RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }
        return await client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = arguments }).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        // The streams over the pipes do not end on their own: end both directions so the server's read loop sees EOF.
        foreach (Pipe pipe in _pipes)
        {
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        _stop.Cancel();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _server.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>Reading a tool result the way an agent does: its text, or a member of its structured content.</summary>
internal static class ToolResultReading
{
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.IsFalse(result.IsError is true, $"the tool failed: {result.Text()}");
        Assert.IsNotNull(result.StructuredContent, $"no structured content: {result.Text()}");
        return result.StructuredContent.Value;
    }

    public static string Str(this JsonElement element, string path)
    {
        foreach (string part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }

    public static void AssertError(this CallToolResult result, params string[] mentions)
    {
        Assert.IsTrue(result.IsError is true, $"expected an error, got: {result.Text()}");
        foreach (string mention in mentions)
        {
            StringAssert.Contains(result.Text(), mention);
        }
    }
}
