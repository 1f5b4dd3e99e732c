using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>Resume into the root after a few edits: the plan trusts the stat index for untouched files and must still find every edit.</summary>
[TestClass]
public sealed class ResumeChangedFilesTests
{
    private static readonly CheckpointRef Latest = new("tree", Latest: true);

    /// <summary>A tree of 240 files in 12 folders (enough for the parallel walk), all with an mtime an hour old so the index vouches for them.</summary>
    private static TempWorkspace OldTree(out List<string> paths)
    {
        TempWorkspace ws = new();
        paths = [];
        DateTime hourAgo = DateTime.UtcNow.AddHours(-1);
        for (int folder = 0; folder < 12; folder++)
        {
            for (int file = 0; file < 20; file++)
            {
                string path = $"d{folder:00}/f{file:00}.txt";
                File.SetLastWriteTimeUtc(ws.Write(path, $"content {folder} {file}"), hourAgo);
                paths.Add(path);
            }
        }
        return ws;
    }

    [TestMethod]
    public async Task Resume_after_editing_three_files_overwrites_exactly_those_and_the_safety_checkpoint_holds_exactly_them()
    {
        using TempWorkspace ws = OldTree(out List<string> paths);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "tree", Stage = "s" });
        string[] edited = ["d00/f00.txt", "d05/f13.txt", "d11/f19.txt"];
        foreach (string path in edited)
        {
            ws.Write(path, "edited: " + path);
        }
        // Same size, and the old mtime put back: only the inode change time betrays the edit.
        string sneaky = "d07/f07.txt";
        DateTime sneakyTime = File.GetLastWriteTimeUtc(ws.PathOf(sneaky));
        File.SetLastWriteTimeUtc(ws.Write(sneaky, "CONTENT 7 7"), sneakyTime);
        SortedDictionary<string, string> before = ws.Fingerprint();

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        // The portable layer reads no ctime (.NET exposes none): like git on Windows it cannot see this edit,
        // and leaves the file as it is, reported unchanged (no content is lost; the resume just does not undo it).
        bool seesChangeTime = FileSystem.Current.LStat(ws.PathOf(sneaky)).CTimeNs != 0;
        string[] expected = [.. (seesChangeTime ? edited.Append(sneaky) : edited).Order(StringComparer.Ordinal)];
        CollectionAssert.AreEqual(expected, result.Overwritten.Order(StringComparer.Ordinal).ToArray());
        Assert.AreEqual(paths.Count - expected.Length, result.Unchanged.Count);
        Assert.AreEqual(seesChangeTime ? "content 7 7" : "CONTENT 7 7", ws.Read(sneaky));
        SortedDictionary<string, string> after = ws.Fingerprint();
        foreach (string path in paths.Except(expected))
        {
            Assert.AreEqual(before[path], after[path], $"{path} was left untouched");
        }
        CheckpointDetail safety = ws.Engine.Show(new CheckpointRef("tree-pre-restore", Latest: true));
        CollectionAssert.AreEqual(expected, safety.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public async Task A_saved_file_the_walk_ignores_is_still_compared_and_overwritten_with_a_safety_copy()
    {
        using TempWorkspace ws = OldTree(out _);
        ws.Write(".gitignore", "*.log\n");
        ws.Write("build.log", "log one");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "tree", Stage = "s", Files = ["build.log", "d00"] });
        ws.Write("build.log", "log two, longer");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        CollectionAssert.AreEqual(new[] { "build.log" }, result.Overwritten.ToArray());
        Assert.IsEmpty(result.Created);
        Assert.AreEqual("log one", ws.Read("build.log"));
        CheckpointDetail safety = ws.Engine.Show(new CheckpointRef("tree-pre-restore", Latest: true));
        CollectionAssert.AreEqual(new[] { "build.log" }, safety.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public async Task Mirror_after_edits_deletes_only_the_new_files_and_keeps_every_saved_one()
    {
        using TempWorkspace ws = OldTree(out List<string> paths);
        await ws.Engine.SaveAsync(new SaveRequest { Name = "tree", Stage = "s" });
        ws.Write("d03/new.txt", "not in the checkpoint");
        ws.Write("d03/f04.txt", "edited");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        CollectionAssert.AreEqual(new[] { "d03/new.txt" }, result.Deleted.ToArray());
        CollectionAssert.AreEqual(new[] { "d03/f04.txt" }, result.Overwritten.ToArray());
        foreach (string path in paths)
        {
            Assert.IsTrue(ws.Exists(path), path);
        }
    }
}
