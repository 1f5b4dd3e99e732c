using System.Diagnostics;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>A restore that could not write every file never reports itself verified; the files it did write still are.</summary>
[TestClass]
public sealed class ResumeFailureTests
{
    [TestMethod]
    public async Task A_restore_in_which_a_file_cannot_be_written_reports_it_failed_and_is_not_verified()
    {
        using TempWorkspace ws = new();
        ws.Write("notes/plan.md", "the plan");
        ws.Write("locked/result.md", "the result");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = "s" });
        string target = Path.Combine(ws.Root, "restored");
        string locked = Directory.CreateDirectory(Path.Combine(target, "locked")).FullName;
        using IDisposable readOnly = ReadOnlyFolder(locked);

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("work", Latest: true), Target = target });

        Assert.AreEqual("locked/result.md", result.Failed.Single().Path);
        CollectionAssert.AreEqual(new[] { "notes/plan.md" }, result.Created.ToArray());
        Assert.AreEqual("the plan", File.ReadAllText(Path.Combine(target, "notes/plan.md")));
        Assert.IsFalse(result.Verified, "Not every file of the checkpoint was restored and verified.");
    }

    [TestMethod]
    public async Task A_restore_that_writes_every_file_is_verified()
    {
        using TempWorkspace ws = new();
        ws.Write("notes/plan.md", "the plan");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "work", Stage = "s" });

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("work", Latest: true), Target = Path.Combine(ws.Root, "restored") });

        Assert.IsEmpty(result.Failed);
        Assert.IsTrue(result.Verified);
    }

    /// <summary>A folder nothing can be created in: chmod a-w, or for root (whom chmod does not stop) chattr +i.</summary>
    private static IDisposable ReadOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new AssertInconclusiveException("Unix modes and attributes only.");
        }
        if (!Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new Undo(() =>
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            });
        }
        if (Chattr("+i", folder))
        {
            return new Undo(() => Chattr("-i", folder));
        }
        Assert.Inconclusive("Running as root without chattr: no folder can be made unwritable here.");
        throw new InvalidOperationException();
    }

    private static bool Chattr(string flag, string folder)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo("chattr", [flag, folder]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
