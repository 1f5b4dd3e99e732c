using System.Diagnostics;
using System.Text;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>git exited non-zero: the command, its exit code and what it wrote to stderr.</summary>
internal sealed class GitFailedException(string command, int exitCode, string stderr)
    : Exception($"'{command}' exited {exitCode}: {stderr.Trim()}")
{
    public int ExitCode { get; } = exitCode;
    public string Stderr { get; } = stderr.Trim();
}

/// <summary>
/// Runs the git CLI against the store's private bare repository, never the user's: <c>GIT_DIR</c> names it,
/// the working directory is inside it, and no repository is discovered upwards (so the user's .git, index,
/// working tree and hooks are out of reach). Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>,
/// never a shell string. Hooks are switched off for every command; transport, credentials and retries are git's.
/// </summary>
/// <remarks>
/// Why the CLI and not LibGit2Sharp 0.32.0: its native binaries ship without SSH (libgit2/libgit2sharp#1809,
/// #1422) and without git's credential helpers, so the remotes users already reach with <c>git push</c> would not
/// all work; the CLI is installed wherever those remotes are used, and speaks every transport they do.
/// </remarks>
internal sealed class GitProcess(string gitDir)
{
    public string GitDir { get; } = gitDir;

    /// <summary>Runs git to completion; stdout as text. Throws <see cref="GitFailedException"/> on a non-zero exit.</summary>
    public string Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, string? stdin = null)
    {
        (int exit, string output, string error) = RunAllowingFailure(arguments, cancellationToken, stdin);
        if (exit != 0)
        {
            throw new GitFailedException(Describe(arguments), exit, error);
        }
        return output;
    }

    /// <summary>Runs git to completion and returns its exit code, stdout and stderr.</summary>
    public (int ExitCode, string Stdout, string Stderr) RunAllowingFailure(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default, string? stdin = null)
    {
        using Process process = Start(arguments, redirectInput: stdin is not null);
        using CancellationTokenRegistration _ = cancellationToken.Register(() => Kill(process));
        Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    /// <summary>Starts git with binary stdin/stdout for streaming protocols (index-pack --stdin, cat-file --batch).</summary>
    public Process Start(IReadOnlyList<string> arguments, bool redirectInput)
    {
        ProcessStartInfo start = new("git")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = GitDir,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (redirectInput)
        {
            start.StandardInputEncoding = new UTF8Encoding(false);
        }
        // Hooks off for this command whatever any config says; no pager, no editor, stable messages.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.hooksPath=/dev/null");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_DIR"] = GitDir;
        start.Environment.Remove("GIT_WORK_TREE");
        start.Environment.Remove("GIT_INDEX_FILE");
        start.Environment.Remove("GIT_OBJECT_DIRECTORY");
        start.Environment.Remove("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        start.Environment.Remove("GIT_NAMESPACE");
        start.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(GitDir) ?? GitDir;
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";
        // The language server has no terminal: git must fail with a message instead of waiting for a password.
        if (!Environment.UserInteractive || Console.IsInputRedirected)
        {
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        }
        try
        {
            return Process.Start(start) ?? throw new CheckpointException(ErrorKind.Failed, "Cannot start git.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CheckpointException(ErrorKind.Failed, $"Remotes need the git command line, and 'git' could not be started: {e.Message}. Install git and make sure it is on PATH.", e);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static string Describe(IReadOnlyList<string> arguments) => "git " + string.Join(' ', arguments);
}
