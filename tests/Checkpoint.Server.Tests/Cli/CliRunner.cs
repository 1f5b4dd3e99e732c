using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Runs the real <c>checkpoint</c> executable as a child process (<c>dotnet checkpoint.dll …</c>) in a
/// working directory, with stdin closed (so it never asks y/N), and captures stdout, stderr and the exit code.
/// </summary>
internal sealed class CliRunner(string workingDirectory)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The built <c>checkpoint.dll</c>, found the same way as the language-server tests find it.</summary>
    public static string DllPath { get; } = Lsp.ServerProcess.LocateServer();

    /// <summary>The <c>dotnet</c> host that runs this test process (so the same runtime runs the CLI).</summary>
    private static string DotnetHost { get; } =
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";

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
        var startInfo = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(DllPath);
        foreach (var arg in args)
            startInfo.ArgumentList.Add(arg);
        // The tests check what a user sees, so the debug switch (stack traces) must not leak in from the environment.
        startInfo.Environment.Remove("CHECKPOINT_DEBUG");
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in ExtraEnvironment)
            startInfo.Environment[name] = value;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {DotnetHost}.");
        process.StandardInput.Close();
        return new RunningCli(process, args);
    }
}
