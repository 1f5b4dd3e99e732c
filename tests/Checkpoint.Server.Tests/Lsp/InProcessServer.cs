using System.IO.Pipelines;
using Checkpoint.Server.Lsp;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// <see cref="LanguageServerHost.RunAsync"/> on in-memory pipes with an <see cref="LspTestClient"/>:
/// the whole server without a process, for lifecycle tests that need no stdio.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    /// <summary>Starts the host.</summary>
    public InProcessServer(ServeOptions? options = null)
    {
        Client = new LspTestClient(_toClient.Reader.AsStream(), _toServer.Writer.AsStream());
        Exited = Task.Run(() => LanguageServerHost.RunAsync(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), options ?? new ServeOptions()));
    }

    /// <summary>The client.</summary>
    public LspTestClient Client { get; }

    /// <summary>Completes with the exit code when the host returns.</summary>
    public Task<int> Exited { get; }

    /// <summary>initialize then initialized; returns the initialize result.</summary>
    public async Task<System.Text.Json.JsonElement> InitializeAsync(object? capabilities = null, int? processId = null)
    {
        var result = await Client.ResultAsync("initialize", new { processId, capabilities = capabilities ?? new { } });
        await Client.NotifyAsync("initialized", new { });
        return result;
    }

    /// <summary>Waits for the host to return; its exit code.</summary>
    public Task<int> WaitForExitAsync() => Exited.WaitAsync(TimeSpan.FromSeconds(20));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Exited.WaitAsync(TimeSpan.FromSeconds(20));
        await _toClient.Writer.CompleteAsync();
        await Client.DisposeAsync();
    }
}
