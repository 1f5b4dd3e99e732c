using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// What a killed resume leaves (its <c>.ckpt-restore-*.tmp</c> temps beside their destinations, and its journal in the
/// store's tmp folder) is never saved or shown, and the next run that takes the writer lock removes it. The real
/// SIGKILL case is <c>ResumeCrashSafetyTests</c> (the CLI process); these pin the rules one by one.
/// </summary>
[TestClass]
public sealed class RestoreTempsTests
{
    private const string Temp = "docs/.ckpt-restore-4242-7.tmp";

    [TestMethod]
    public async Task A_leftover_temp_is_never_saved_nor_shown_by_diff_even_when_named_literally()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        SaveResult first = await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        ws.Write(Temp, "half a file");

        DiffResult diff = await ws.Engine.DiffAsync(new CheckpointRef("docs", Latest: true));
        SaveResult whole = await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "y" });
        SaveResult literal = await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "z", Files = [ws.PathOf("docs/a.md"), ws.PathOf(Temp)] });

        Assert.IsEmpty(diff.Added);
        foreach (SaveResult saved in new[] { first, whole, literal })
        {
            CollectionAssert.DoesNotContain(ws.Engine.Show(new CheckpointRef("docs", Timestamp: saved.Checkpoint.Timestamp)).Files.Select(f => f.Path).ToList(), Temp);
        }
    }

    [TestMethod]
    public async Task The_next_run_removes_the_temps_a_killed_resume_journaled_and_nothing_else()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        ws.Write(Temp, "half a file");
        ws.Write("docs/.ckpt-restore-notes.md", "the user's file, named almost like a temp");
        // The journal as a killed resume leaves it: NUL-separated absolute paths, the last one cut short by the kill.
        string journal = Path.Combine(ws.Store, "tmp", "restore-4242-1.journal");
        Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
        File.WriteAllText(journal, $"{ws.PathOf(Temp)}\0{ws.PathOf("docs/a.md")}\0{ws.PathOf("docs/.ckpt-restore-notes.md")}\0{ws.PathOf("docs/.ckpt-restore-4242-")}");

        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "y" });

        Assert.IsFalse(ws.Exists(Temp), "the journaled temp is removed");
        Assert.AreEqual("alpha", ws.Read("docs/a.md"), "a journaled path that is not a temp's is never deleted");
        Assert.IsTrue(ws.Exists("docs/.ckpt-restore-notes.md"));
        Assert.IsFalse(File.Exists(journal));
    }

    [TestMethod]
    public async Task A_finished_resume_leaves_neither_temps_nor_its_journal()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        ws.Write("docs/b.md", "beta");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        File.Delete(ws.PathOf("docs/a.md"));
        ws.Write("docs/b.md", "beta, changed");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("docs", Latest: true) });

        Assert.HasCount(1, result.Created);
        Assert.HasCount(1, result.Overwritten);
        Assert.IsEmpty(Directory.GetFiles(ws.Root, ".ckpt-restore-*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(ws.Store, "tmp"), "*.journal"));
    }

    [TestMethod]
    public async Task A_writer_leaves_the_temps_of_a_resume_that_still_runs_and_removes_them_once_it_has_gone()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/a.md", "alpha");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "x" });
        ws.Write(Temp, "being staged");
        // A resume into another folder takes no lock: a save may run meanwhile, and its clean-up must not take the temps.
        FileStream running = RestoreTemps.WriteJournal(new StoreLayout(ws.Store), [ws.PathOf(Temp)]);

        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "y" });
        bool keptWhileRunning = ws.Exists(Temp) && File.Exists(running.Name);
        running.Dispose();
        await ws.Engine.SaveAsync(new SaveRequest { Name = "docs", Stage = "z" });

        Assert.IsTrue(keptWhileRunning, "the running resume's temps and journal are left alone");
        Assert.IsFalse(ws.Exists(Temp), "once its owner has gone, the temps are removed");
        Assert.IsFalse(File.Exists(running.Name));
    }
}
