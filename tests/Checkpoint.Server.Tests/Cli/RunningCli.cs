using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>A started <c>checkpoint</c> process whose output is drained as it runs.</summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly string[] _args;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public RunningCli(Process process, string[] args)
    {
        _process = process;
        _args = args;
        // Drain both pipes from the start: a child blocked on a full pipe would never exit.
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as <c>kill -9</c>: the process gets no chance to clean up.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the exit and returns what the process printed; fails the test on timeout.</summary>
    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            await _process.WaitForExitAsync();
            var partial = new CliResult(_args, -1, await _stdout, await _stderr);
            Assert.Fail($"checkpoint did not finish within {timeout.TotalSeconds:0} s.\n{partial}");
        }
        return new CliResult(_args, _process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            KillHard();
        _process.Dispose();
    }
}
