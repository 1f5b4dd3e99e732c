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
