using System.Diagnostics;
using System.Net.Sockets;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Entries that are neither files, folders nor links: a FIFO (<c>mkfifo</c>), a Unix socket (bound for as long as
/// the returned handle lives: .NET removes the socket file when it is closed) and a character device (<c>mknod</c>,
/// root only, a copy of /dev/null's numbers). Only the Linux file-system layer tells them apart (.NET's portable
/// APIs see an empty file), so the tests that use them run the executable with <c>CHECKPOINT_FILESYSTEM=linux</c>.
/// </summary>
internal static class SpecialFiles
{
    public const string Fifo = "fifo";
    public const string Socket = "socket";
    public const string CharacterDevice = "character device";

    /// <summary>Creates a <paramref name="kind"/> at <paramref name="path"/>; dispose the result after the run.</summary>
    public static IDisposable Create(string kind, string path)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Inconclusive("Special files are told apart by the Linux file-system layer only.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (kind)
        {
            case Fifo:
                Run("mkfifo", path);
                return new Removal(path);
            case Socket:
                var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Bind(new UnixDomainSocketEndPoint(path));
                return socket;
            case CharacterDevice:
                if (!Environment.IsPrivilegedProcess)
                    Assert.Inconclusive("Only root can make a device node.");
                Run("mknod", path, "c", "1", "3");
                return new Removal(path);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A runner of the same executable, forced onto the Linux file-system layer.</summary>
    public static CliRunner OnLinuxLayer(CliRunner runner)
    {
        runner.ExtraEnvironment["CHECKPOINT_FILESYSTEM"] = "linux";
        return runner;
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{program} {string.Join(' ', arguments)}: {error}");
    }

    private sealed class Removal(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
