using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Runs the real <c>checkpoint</c> executable (<see cref="ServerExecutable"/>) as a child process in a
/// working directory, with stdin closed (so it never asks y/N), and captures stdout, stderr and the exit code.
/// </summary>
internal sealed class CliRunner(string workingDirectory)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Variables set for the child on top of this process's environment.</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    /// <summary>
    /// A command the executable runs under, e.g. <c>unshare -m sh -c '…' …</c> to give it a mount of its own
    /// (<see cref="PrivateMount"/>); the executable and its arguments are appended to it.
    /// </summary>
    public IReadOnlyList<string>? Wrapper { get; set; }

    /// <summary>Runs <c>checkpoint <paramref name="args"/></c> to completion; fails the test if it outlives the timeout.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var running = Start(args);
        return await running.WaitAsync(DefaultTimeout);
    }

    /// <summary>Starts <c>checkpoint <paramref name="args"/></c> and returns at once (for kill and concurrency tests).</summary>
    public RunningCli Start(params string[] args)
    {
        var startInfo = ServerExecutable.StartInfo(args);
        if (Wrapper is { Count: > 0 } wrapper)
        {
            var wrapped = new ProcessStartInfo(wrapper[0])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in wrapper.Skip(1).Append(startInfo.FileName).Concat(startInfo.ArgumentList))
                wrapped.ArgumentList.Add(argument);
            startInfo = wrapped;
        }
        startInfo.WorkingDirectory = WorkingDirectory;
        // The tests check what a user sees, so the debug switch (stack traces) must not leak in from the environment.
        startInfo.Environment.Remove("CHECKPOINT_DEBUG");
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in ExtraEnvironment)
            startInfo.Environment[name] = value;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        process.StandardInput.Close();
        return new RunningCli(process, args);
    }
}
