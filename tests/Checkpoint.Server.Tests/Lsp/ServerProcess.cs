using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// The real <c>checkpoint serve</c> process (<c>dotnet checkpoint.dll serve</c>) with an
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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LocateServer());
        start.ArgumentList.Add("serve");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
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

    /// <summary>
    /// The built checkpoint.dll: <c>CHECKPOINT_SERVER_DLL</c> when set; else the copy next to the
    /// test assembly (the project reference puts it there, whatever the configuration); else the
    /// newest build under server/Checkpoint.Server/bin.
    /// </summary>
    public static string LocateServer()
    {
        if (Environment.GetEnvironmentVariable("CHECKPOINT_SERVER_DLL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"CHECKPOINT_SERVER_DLL points to a missing file: {configured}");
        }

        string besideTests = Path.Combine(AppContext.BaseDirectory, "checkpoint.dll");
        if (File.Exists(besideTests) && File.Exists(Path.ChangeExtension(besideTests, ".runtimeconfig.json")))
        {
            return besideTests;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string bin = Path.Combine(folder.FullName, "server", "Checkpoint.Server", "bin");
            if (Directory.Exists(bin))
            {
                FileInfo? newest = new DirectoryInfo(bin)
                    .EnumerateFiles("checkpoint.dll", SearchOption.AllDirectories)
                    .Where(dll => File.Exists(Path.ChangeExtension(dll.FullName, ".runtimeconfig.json")))
                    .MaxBy(dll => dll.LastWriteTimeUtc);
                if (newest is not null)
                {
                    return newest.FullName;
                }
            }
        }

        throw new FileNotFoundException($"No built checkpoint.dll beside {AppContext.BaseDirectory} or under server/Checkpoint.Server/bin; build the solution first.");
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
