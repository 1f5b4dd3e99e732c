using System.IO.Pipelines;
using Checkpoint.Server.Rpc;
using Checkpoint.Server.Tests.Lsp;

namespace Checkpoint.Server.Tests.Rpc;

/// <summary>
/// A <see cref="JsonRpcConnection"/> and an <see cref="LspTestClient"/> joined by two in-memory
/// pipes (default options: bounded, the writer pauses at 64 KB as a real pipe would).
/// </summary>
public sealed class ConnectedPair : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    /// <summary>Creates the pair; register handlers on <see cref="Server"/>, then call <see cref="Start"/>.</summary>
    public ConnectedPair()
    {
        Server = new JsonRpcConnection(_toServer.Reader, _toClient.Writer, Log);
        Client = new LspTestClient(_toClient.Reader.AsStream(), _toServer.Writer.AsStream());
    }

    /// <summary>The server side.</summary>
    public JsonRpcConnection Server { get; }

    /// <summary>The client side.</summary>
    public LspTestClient Client { get; }

    /// <summary>What the server logged.</summary>
    public RecordingLogger Log { get; } = new();

    /// <summary>The server's <see cref="JsonRpcConnection.RunAsync"/>, once started.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>A pair whose server has the handlers <paramref name="register"/> adds, started.</summary>
    public static ConnectedPair StartedWith(Action<JsonRpcConnection> register)
    {
        var pair = new ConnectedPair();
        register(pair.Server);
        return pair.Start();
    }

    /// <summary>Starts the server's read loop.</summary>
    public ConnectedPair Start()
    {
        Running = Server.RunAsync();
        return this;
    }

    /// <summary>Ends the server's input, as a client closing stdin would.</summary>
    public Task CloseInputAsync() => _toServer.Writer.CompleteAsync().AsTask();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Server.Stop();
        await Running.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await _toClient.Writer.CompleteAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        Server.Dispose();
    }
}
