using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Makes a workspace's store read-only for the executable, as a mounted backup is, by the strongest means this
/// process has: not root, <c>chmod a-w</c> on every folder and file (undone on dispose); root (whom chmod does not
/// stop), a read-only bind mount that only the executable sees (<see cref="PrivateMount"/>); root without mounts,
/// <c>chattr +i</c> (immutable: creating an entry fails even for root; undone on dispose). Otherwise the test is inconclusive.
/// </summary>
internal sealed class ReadOnlyStore : IDisposable
{
    private readonly Action _undo;

    private ReadOnlyStore(TestWorkspace workspace, string how, Action undo)
    {
        How = how;
        _undo = undo;
    }

    /// <summary>How the store was made read-only (for failure messages).</summary>
    public string How { get; }

    public static ReadOnlyStore Apply(TestWorkspace workspace)
    {
        var store = workspace.Store;
        if (OperatingSystem.IsWindows())
            throw new AssertInconclusiveException("Read-only stores are made with Unix modes, mounts or attributes.");
        if (!Environment.IsPrivilegedProcess)
        {
            SetWritable(store, false);
            return new ReadOnlyStore(workspace, "chmod a-w", () =>
            {
                if (!OperatingSystem.IsWindows())
                    SetWritable(store, true);
            });
        }
        if (PrivateMount.Available)
        {
            workspace.Cli.Wrapper = PrivateMount.ReadOnly(store);
            return new ReadOnlyStore(workspace, "a read-only bind mount", () => workspace.Cli.Wrapper = null);
        }
        if (Chattr("+i", store))
            return new ReadOnlyStore(workspace, "chattr +i", () => Chattr("-i", store));
        Assert.Inconclusive("Running as root without mount namespaces or chattr: no way to make the store read-only here.");
        throw new InvalidOperationException();
    }

    public void Dispose() => _undo();

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void SetWritable(string folder, bool writable)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            var mode = File.GetUnixFileMode(entry);
            const UnixFileMode write = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            File.SetUnixFileMode(entry, writable ? mode | UnixFileMode.UserWrite : mode & ~write);
        }
    }

    private static bool Chattr(string flag, string folder)
    {
        try
        {
            var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-R", flag, folder })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
