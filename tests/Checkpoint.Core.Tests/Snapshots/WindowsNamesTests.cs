using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A checkpoint saved on Linux restored under Windows' name rules (the portable layer's test mode): the files
/// Windows cannot hold are skipped with the reason, every other file is restored, nothing else is touched.
/// </summary>
[TestClass]
public sealed class WindowsNamesTests
{
    private static readonly CheckpointRef Latest = new("cross", Latest: true);

    private static CheckpointEngine UnderWindowsRules(TempWorkspace ws) => new(ws.Root) { Names = NameRules.Windows };

    [TestMethod]
    public async Task A_file_named_nul_is_skipped_with_its_reason_and_the_rest_of_the_tree_is_restored()
    {
        using TempWorkspace ws = new();
        ws.Write("nul", "a file Linux allows");
        ws.Write("src/aux.c", "int main;");
        ws.Write("notes.", "trailing dot");
        ws.Write("a:b.md", "a stream on Windows");
        ws.Write("src/main.c", "int main(void);");
        ws.Write("README.md", "read me");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "cross", Stage = "s" });
        string target = ws.PathOf("restored");

        ResumeResult result = await UnderWindowsRules(ws).ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        CollectionAssert.AreEquivalent(new[] { "README.md", "src/main.c" }, result.Created.ToArray());
        Dictionary<string, string> failed = result.Failed.ToDictionary(f => f.Path, f => f.Reason);
        CollectionAssert.AreEquivalent(new[] { "nul", "src/aux.c", "notes.", "a:b.md" }, failed.Keys.ToArray());
        StringAssert.Contains(failed["nul"], "'nul' is a device name on Windows");
        StringAssert.Contains(failed["src/aux.c"], "'aux.c' is a device name");
        StringAssert.Contains(failed["notes."], "ends with a dot");
        StringAssert.Contains(failed["a:b.md"], "':'");
        CollectionAssert.AreEquivalent(new[] { "README.md", "src/main.c" },
            Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).ToArray(),
            "nothing was written under a name Windows cannot hold");
    }

    [TestMethod]
    public async Task Names_that_differ_only_in_letter_case_restore_the_first_and_report_the_second()
    {
        using TempWorkspace ws = new();
        ws.Write("Notes.md", "first");
        ws.Write("notes.md", "second");
        ws.Write("docs/Plan.md", "a file");
        ws.Write("DOCS/plan.md/inner.md", "a file below a folder of that name");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "cross", Stage = "s" });
        string target = ws.PathOf("restored");

        ResumeResult result = await UnderWindowsRules(ws).ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Dictionary<string, string> failed = result.Failed.ToDictionary(f => f.Path, f => f.Reason);
        // Manifests are in ordinal order: "Notes.md" comes before "notes.md".
        CollectionAssert.AreEquivalent(new[] { "notes.md", "docs/Plan.md" }, failed.Keys.ToArray());
        StringAssert.Contains(failed["notes.md"], "differs only in letter case from 'Notes.md'");
        StringAssert.Contains(failed["docs/Plan.md"], "the folder 'DOCS/plan.md' of other saved files");
        CollectionAssert.AreEquivalent(new[] { "DOCS/plan.md/inner.md", "Notes.md" }, result.Created.ToArray());
        Assert.AreEqual("first", File.ReadAllText(Path.Combine(target, "Notes.md")));
        Assert.IsFalse(File.Exists(Path.Combine(target, "notes.md")));
    }

    [TestMethod]
    public async Task A_mirror_does_not_delete_a_file_that_is_a_saved_one_under_another_letter_case()
    {
        using TempWorkspace ws = new();
        ws.Write("Readme.md", "saved");
        ws.Write("other.md", "saved too");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "cross", Stage = "s" });
        // On Windows this is the same file as "Readme.md"; deleting it would delete the file just restored.
        File.Move(ws.PathOf("Readme.md"), ws.PathOf("README.md"));
        ws.Write("stray.md", "not in the checkpoint");

        ResumeResult result = await UnderWindowsRules(ws).ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        CollectionAssert.AreEqual(new[] { "stray.md" }, result.Deleted.ToArray());
        Assert.IsTrue(ws.Exists("README.md"));
        Assert.AreEqual("saved", ws.Read("Readme.md"));
    }

    [TestMethod]
    public async Task A_skipped_name_stays_claimed_so_a_mirror_never_deletes_what_is_on_disk_under_it()
    {
        using TempWorkspace ws = new();
        ws.Write("aux.md", "saved");
        ws.Write("kept.md", "saved");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "cross", Stage = "s" });
        ws.Write("aux.md", "edited since, same name");

        ResumeResult result = await UnderWindowsRules(ws).ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        Assert.AreEqual(0, result.Deleted.Count);
        Assert.AreEqual("edited since, same name", ws.Read("aux.md"));
        StringAssert.Contains(result.Failed.Single().Reason, "device name");
    }

    [TestMethod]
    public async Task Under_this_systems_own_rules_every_saved_name_is_restored()
    {
        if (!FileSystem.Current.Names.AcceptsAll)
        {
            Assert.Inconclusive("this system's folders cannot hold every name");
        }
        using TempWorkspace ws = new();
        ws.Write("nul", "fine here");
        ws.Write("Notes.md", "first");
        ws.Write("notes.md", "second");
        ws.Write("c:notes.md", "looks like a drive only on Windows");
        ws.Write("a:b.md", "a colon");
        await ws.Engine.SaveAsync(new SaveRequest { Name = "cross", Stage = "s" });
        string target = ws.PathOf("restored");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.AreEqual(0, result.Failed.Count, string.Join(", ", result.Failed));
        Assert.AreEqual(5, result.Created.Count);
        Assert.AreEqual("looks like a drive only on Windows", File.ReadAllText(Path.Combine(target, "c:notes.md")));
    }
}
