using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Mounts only the spawned executable sees: it runs in a mount namespace of its own (<c>unshare --mount</c>, which
/// needs root), so a mount never outlives it, needs no cleanup and touches no other process on the machine.
/// As root, <c>chmod a-w</c> stops nothing; a read-only mount stops root too, as a mounted backup would.
/// </summary>
internal static class PrivateMount
{
    /// <summary>True when this process can give a child mounts of its own (root, unshare and mount present and allowed).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>A <see cref="CliRunner.Wrapper"/> that runs the executable with <paramref name="folder"/> bind-mounted read-only onto itself.</summary>
    public static string[] ReadOnly(string folder) => Wrap("mount --bind -o ro \"$0\" \"$0\"", folder);

    /// <summary>A <see cref="CliRunner.Wrapper"/> that runs the executable with a file system of <paramref name="kilobytes"/> KB mounted on <paramref name="folder"/>.</summary>
    public static string[] SmallDisk(string folder, int kilobytes) => Wrap($"mount -t tmpfs -o size={kilobytes}k tmpfs \"$0\"", folder);

    private static string[] Wrap(string mount, string folder) => ["unshare", "--mount", "sh", "-c", mount + " && exec \"$@\"", folder];

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            return false;
        var folder = Directory.CreateTempSubdirectory("checkpoint-mount-probe").FullName;
        try
        {
            var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in SmallDisk(folder, 16).Skip(1).Concat(["sh", "-c", "mount --bind -o ro \"$0\" \"$0\"", folder]))
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no unshare here
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
