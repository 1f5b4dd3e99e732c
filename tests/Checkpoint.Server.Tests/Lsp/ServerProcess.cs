using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// The real <c>checkpoint serve</c> process (<see cref="ServerExecutable"/>) with an
/// <see cref="LspTestClient"/> on its stdin/stdout and its stderr collected.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _standardError = new();

    private ServerProcess(Process process)
    {
        Process = process;
        Client = new LspTestClient(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
    }

    /// <summary>The server process.</summary>
    public Process Process { get; }

    /// <summary>The client talking to it.</summary>
    public LspTestClient Client { get; }

    /// <summary>What the server wrote to stderr so far (its log).</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Starts <c>checkpoint serve</c> with <paramref name="arguments"/> after the verb.</summary>
    public static ServerProcess Start(params string[] arguments)
    {
        var start = ServerExecutable.StartInfo(["serve", .. arguments]);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var server = new ServerProcess(process);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (server._standardError)
            {
                server._standardError.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>initialize (with <paramref name="capabilities"/>) then initialized; returns the initialize result.</summary>
    public async Task<JsonElement> InitializeAsync(object? capabilities = null, string? rootUri = null)
    {
        JsonElement result = await Client.ResultAsync("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri,
            capabilities = capabilities ?? new { },
            clientInfo = new { name = "LspTestClient" },
        }).ConfigureAwait(false);
        await Client.NotifyAsync("initialized", new { }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AssertFailedException($"The server did not exit within {timeout.TotalSeconds:0.#} s.{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}");
        }

        return Process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync().ConfigureAwait(false);
        }

        await Client.DisposeAsync().ConfigureAwait(false);
        Process.Dispose();
    }
}
