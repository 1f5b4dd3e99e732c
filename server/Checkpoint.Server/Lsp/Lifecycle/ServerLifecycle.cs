using Checkpoint.Server.Rpc;

namespace Checkpoint.Server.Lsp.Lifecycle;

/// <summary>
/// The LSP lifecycle: nothing but initialize (and exit) before initialize, everything after it,
/// nothing but exit after shutdown. Decides which messages the connection admits and the exit code.
/// </summary>
public sealed class ServerLifecycle
{
    private const string InitializeMethod = "initialize";
    private const string ExitMethod = "exit";

    private volatile LifecyclePhase _phase = LifecyclePhase.AwaitingInitialize;
    private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the server is in its lifecycle.</summary>
    public LifecyclePhase Phase => _phase;

    /// <summary>Completes with the process exit code when the server should end.</summary>
    public Task<int> Ended => _ended.Task;

    /// <summary>The exit code if the server ended now: 0 only after a shutdown request.</summary>
    public int ExitCode => _phase == LifecyclePhase.ShutDown ? 0 : 1;

    /// <summary>The admission rule for the connection (see <see cref="MessageAdmission"/>).</summary>
    public JsonRpcError? Admit(string method, bool isRequest)
    {
        if (method == ExitMethod)
        {
            return null;
        }

        return _phase switch
        {
            LifecyclePhase.AwaitingInitialize when method == InitializeMethod => null,
            LifecyclePhase.AwaitingInitialize => new JsonRpcError(JsonRpcErrorCodes.ServerNotInitialized, $"Server not initialized: '{method}' was sent before 'initialize'."),
            LifecyclePhase.Running when method == InitializeMethod => new JsonRpcError(JsonRpcErrorCodes.InvalidRequest, "Invalid request: 'initialize' was already received."),
            LifecyclePhase.Running => null,
            _ => new JsonRpcError(JsonRpcErrorCodes.InvalidRequest, $"Invalid request: the server is shutting down and accepts only 'exit' ('{method}' refused)."),
        };
    }

    /// <summary>initialize was answered: the server runs.</summary>
    internal void Initialize() => _phase = LifecyclePhase.Running;

    /// <summary>shutdown was received: only exit is accepted from now on.</summary>
    internal void Shutdown() => _phase = LifecyclePhase.ShutDown;

    /// <summary>The server must end now (exit received, or the client is gone).</summary>
    internal void End() => _ended.TrySetResult(ExitCode);
}

/// <summary>The phases of the LSP lifecycle.</summary>
public enum LifecyclePhase
{
    /// <summary>Only initialize and exit are accepted.</summary>
    AwaitingInitialize,

    /// <summary>Initialized; every method is accepted.</summary>
    Running,

    /// <summary>shutdown was received; only exit is accepted.</summary>
    ShutDown,
}
