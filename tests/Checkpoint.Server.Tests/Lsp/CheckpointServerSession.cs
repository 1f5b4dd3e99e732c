using System.Text;
using System.Text.Json;
using Checkpoint.Server.Tests.Cli;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// A real <c>checkpoint serve</c> process initialized on a fresh temp workspace, as VS Code would
/// start it: the workspace folder as rootUri, work-done progress and applyEdit supported. Progress
/// tokens the server asks for are granted. Disposing kills the server and deletes the workspace.
/// </summary>
internal sealed class CheckpointServerSession : IAsyncDisposable
{
    // Far above the ids LspTestClient hands out, so raw requests never collide with its own.
    private int _lastRawId = 1_000_000;

    private CheckpointServerSession(TestWorkspace workspace, ServerProcess server)
    {
        Workspace = workspace;
        Server = server;
    }

    public TestWorkspace Workspace { get; }

    public ServerProcess Server { get; }

    public LspTestClient Client => Server.Client;

    /// <summary>The result of initialize.</summary>
    public JsonElement Initialize { get; private set; }

    /// <summary>Starts the server on a new workspace filled by <paramref name="arrange"/>.</summary>
    public static async Task<CheckpointServerSession> StartAsync(Action<TestWorkspace>? arrange = null, object? initializationOptions = null)
    {
        var workspace = new TestWorkspace();
        arrange?.Invoke(workspace);
        var session = new CheckpointServerSession(workspace, ServerProcess.Start());
        session.Client.AutoRespond("window/workDoneProgress/create", _ => null);
        session.Initialize = await session.Client.ResultAsync("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = new Uri(workspace.Root).AbsoluteUri,
            capabilities = new { window = new { workDoneProgress = true }, workspace = new { applyEdit = true } },
            initializationOptions,
            clientInfo = new { name = "CheckpointServerSession" },
        });
        await session.Client.NotifyAsync("initialized", new { });
        return session;
    }

    /// <summary>The file: uri of a workspace-relative path.</summary>
    public string UriOf(string relativePath) => new Uri(Workspace.PathOf(relativePath)).AbsoluteUri;

    /// <summary>Copies a fixture note (Lsp/Fixtures) into the workspace's notes folder; returns its relative path.</summary>
    public string AddFixtureNote(string fixtureName)
    {
        var relative = $"memory/episodic/{fixtureName}";
        Workspace.Write(relative, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lsp", "Fixtures", fixtureName)));
        return relative;
    }

    /// <summary>textDocument/didOpen of a workspace file with its text on disk; returns its uri.</summary>
    public async Task<string> OpenAsync(string relativePath, int version = 1)
    {
        var uri = UriOf(relativePath);
        await Client.NotifyAsync("textDocument/didOpen", new
        {
            textDocument = new { uri, languageId = "markdown", version, text = Workspace.Read(relativePath) },
        });
        return uri;
    }

    /// <summary>
    /// Sends a request and its <c>$/cancelRequest</c> in one write: the server reads the cancel right
    /// after it has started the request, without any timing assumption. Returns the request's id.
    /// </summary>
    public async Task<int> SendAndCancelAsync(string method, object parameters)
    {
        var id = Interlocked.Increment(ref _lastRawId);
        byte[] request = Frame(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        byte[] cancel = Frame(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["method"] = "$/cancelRequest", ["params"] = new { id } });
        await Client.SendRawAsync([.. request, .. cancel]);
        return id;
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests in one write, none waiting for an answer (pipelined);
    /// returns their ids in the order sent.
    /// </summary>
    public async Task<int[]> SendPipelinedAsync(string method, object parameters, int count)
    {
        var ids = new int[count];
        var frames = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            ids[i] = Interlocked.Increment(ref _lastRawId);
            frames.AddRange(Frame(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = ids[i], ["method"] = method, ["params"] = parameters }));
        }

        await Client.SendRawAsync([.. frames]);
        return ids;
    }

    private static byte[] Frame(object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Workspace.Dispose();
    }
}
