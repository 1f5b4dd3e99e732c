using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>The real git CLI for tests: bare remotes, a user's repository with a commit, an index and a hook, and <c>git daemon</c> on 127.0.0.1.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class GitFixture
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"git {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>A bare repository at <paramref name="path"/>; its objects stay loose when <paramref name="looseObjects"/> (so a test can damage one).</summary>
    public static string BareRemote(string path, bool looseObjects = false)
    {
        Directory.CreateDirectory(path);
        Run(path, "init", "--bare", "--quiet", ".");
        if (looseObjects)
            Run(path, "config", "receive.unpackLimit", "100000");
        return path;
    }

    /// <summary>Makes the workspace a real git repository with a branch, a commit, a staged change and a hook that would leave a mark if it ever ran.</summary>
    public static void UserRepository(TestWorkspace workspace)
    {
        Directory.Delete(workspace.PathOf(".git"), recursive: true);
        Run(workspace.Root, "init", "--quiet", "--initial-branch=main");
        workspace.Write("tracked.md", "tracked\n");
        Run(workspace.Root, "add", "tracked.md");
        Run(workspace.Root, "commit", "--quiet", "-m", "user's commit");
        Run(workspace.Root, "branch", "feature");
        workspace.Write("staged.md", "staged\n");
        Run(workspace.Root, "add", "staged.md");
        foreach (var hook in new[] { "pre-push", "post-commit", "pre-commit", "reference-transaction", "post-checkout", "pre-receive" })
        {
            var path = workspace.PathOf($".git/hooks/{hook}");
            File.WriteAllText(path, $"#!/bin/sh\necho {hook} >> \"{workspace.PathOf("HOOK-RAN")}\"\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The size of a bare repository's objects on disk.</summary>
    public static long ObjectBytes(string bareRepository) =>
        Directory.EnumerateFiles(Path.Combine(bareRepository, "objects"), "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);

    /// <summary><c>git daemon</c> serving <paramref name="basePath"/> on 127.0.0.1 with push enabled; stopped on dispose.</summary>
    public sealed class Daemon : IDisposable
    {
        private readonly Process _process;

        public Daemon(string basePath)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr", "--informative-errors",
                         "--listen=127.0.0.1", $"--port={Port}", $"--base-path={basePath}", basePath })
            {
                start.ArgumentList.Add(arg);
            }
            _process = Process.Start(start)!;
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            // Ready when it accepts a connection (bounded: a daemon that never listens fails the test).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, Port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
                {
                    Thread.Sleep(50);
                }
            }
        }

        public int Port { get; }

        public string Url(string repository) => $"git://127.0.0.1:{Port}/{repository}";

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
