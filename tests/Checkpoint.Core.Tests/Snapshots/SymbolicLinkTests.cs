using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A symbolic link is saved as a link (its target text is the content, as git stores it) and restored as the same
/// link: never followed, never written through. A restore that replaces a link keeps it in its safety checkpoint, so
/// the undo brings it back. (Windows needs a privilege to create links: these tests run elsewhere.)
/// </summary>
[TestClass]
[OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
[UnsupportedOSPlatform("windows")]
public sealed class SymbolicLinkTests
{
    private static readonly CheckpointRef Latest = new("links", Latest: true);

    private static Task<SaveResult> Save(TempWorkspace ws, string? context = null) =>
        ws.Engine.SaveAsync(new SaveRequest { Name = "links", Stage = "s", Context = context });

    private static string? LinkTarget(string path) => new FileInfo(path).LinkTarget;

    [TestMethod]
    public async Task A_link_is_saved_as_a_link_and_restored_as_the_same_link_whatever_it_points_at()
    {
        using TempWorkspace ws = new();
        ws.Write("docs/guide.md", "the guide");
        File.CreateSymbolicLink(ws.PathOf("latest.md"), "docs/guide.md");
        Directory.CreateSymbolicLink(ws.PathOf("docs-link"), "docs");
        File.CreateSymbolicLink(ws.PathOf("dangling"), "nowhere/at/all");
        File.CreateSymbolicLink(ws.PathOf("docs/up.md"), "../latest.md");
        SaveResult saved = await Save(ws);
        string target = ws.PathOf("restored");

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        CollectionAssert.AreEquivalent(new[] { "dangling", "docs-link", "docs/guide.md", "docs/up.md", "latest.md" }, result.Created.ToArray());
        Assert.AreEqual("docs/guide.md", LinkTarget(Path.Combine(target, "latest.md")));
        Assert.AreEqual("docs", LinkTarget(Path.Combine(target, "docs-link")));
        Assert.AreEqual("nowhere/at/all", LinkTarget(Path.Combine(target, "dangling")));
        Assert.AreEqual("../latest.md", LinkTarget(Path.Combine(target, "docs/up.md")));
        Assert.IsNull(LinkTarget(Path.Combine(target, "docs/guide.md")));
        Assert.AreEqual("the guide", File.ReadAllText(Path.Combine(target, "latest.md")), "the restored link resolves inside the target");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json")))!.AsObject();
        JsonNode link = manifest["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "latest.md")!;
        Assert.AreEqual("link", link["kind"]?.GetValue<string>());
        Assert.AreEqual("sha256:" + TempWorkspace.Sha256Hex("docs/guide.md"), link["hash"]!.GetValue<string>(), "the content of a link is its target text");
        Assert.IsFalse(manifest.ContainsKey("skipped"), "nothing was skipped");
        Assert.IsTrue((await ws.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public async Task Resume_that_replaces_a_link_keeps_it_in_the_safety_checkpoint_and_resuming_that_brings_the_link_back()
    {
        using TempWorkspace ws = new();
        ws.Write("a.md", "alpha");
        ws.Write("notes/other.md", "someone's notes");
        await Save(ws);
        File.Delete(ws.PathOf("a.md"));
        File.CreateSymbolicLink(ws.PathOf("a.md"), "notes/other.md");

        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        CollectionAssert.AreEqual(new[] { "a.md" }, resumed.Overwritten.ToArray());
        Assert.IsNull(LinkTarget(ws.PathOf("a.md")), "the link itself was replaced");
        Assert.AreEqual("alpha", ws.Read("a.md"));
        Assert.AreEqual("someone's notes", ws.Read("notes/other.md"), "never written through");
        Assert.IsNotNull(resumed.SafetyCheckpoint);
        CheckpointDetail safety = ws.Engine.Show(new CheckpointRef("links-pre-restore", Latest: true));
        CollectionAssert.AreEqual(new[] { "a.md" }, safety.Files.Select(f => f.Path).ToArray());

        ResumeResult undone = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("links-pre-restore", Latest: true) });

        CollectionAssert.AreEqual(new[] { "a.md" }, undone.Overwritten.ToArray());
        Assert.AreEqual("notes/other.md", LinkTarget(ws.PathOf("a.md")), "the undo brings the link back");
        Assert.AreEqual("someone's notes", ws.Read("notes/other.md"));
    }

    [TestMethod]
    public async Task A_saved_link_replacing_a_file_puts_the_file_in_the_safety_checkpoint_and_writes_nothing_through_the_link()
    {
        using TempWorkspace ws = new();
        using TempWorkspace outside = new();
        string victim = outside.Write("victim.md", "must survive");
        File.CreateSymbolicLink(ws.PathOf("config.md"), victim);
        await Save(ws);
        File.Delete(ws.PathOf("config.md"));
        ws.Write("config.md", "a file now");

        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });
        ResumeResult undone = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("links-pre-restore", Latest: true) });

        CollectionAssert.AreEqual(new[] { "config.md" }, resumed.Overwritten.ToArray());
        Assert.AreEqual("must survive", File.ReadAllText(victim));
        Assert.IsNull(LinkTarget(ws.PathOf("config.md")), "the undo put the file back");
        Assert.AreEqual("a file now", ws.Read("config.md"));
        Assert.AreEqual("must survive", File.ReadAllText(victim));
    }

    [TestMethod]
    public async Task A_checkpoint_listing_a_link_and_a_file_below_it_is_refused_before_anything_is_written()
    {
        using TempWorkspace ws = new();
        using TempWorkspace outside = new();
        Directory.CreateSymbolicLink(ws.PathOf("docs"), outside.Root);
        ws.Write("other/x.md", "would land outside through the link");
        SaveResult saved = await Save(ws);
        // Forged: the file moved below the link, so restoring the link first would carry the file out of the target.
        ForgedCheckpoint.RewritePaths(ws, saved.Checkpoint.Id, path => path == "other/x.md" ? "docs/x.md" : path);
        string target = ws.PathOf("restored");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target }));

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, "'docs' is a link and also the folder of 'docs/x.md'");
        Assert.IsFalse(Directory.Exists(target), "nothing written, not even the target folder");
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside.Root));
    }

    [TestMethod]
    public async Task A_link_whose_target_is_unchanged_is_left_as_is_and_one_pointing_elsewhere_is_changed()
    {
        using TempWorkspace ws = new();
        ws.Write("one.md", "1");
        ws.Write("two.md", "2");
        File.CreateSymbolicLink(ws.PathOf("same"), "one.md");
        File.CreateSymbolicLink(ws.PathOf("moved"), "one.md");
        await Save(ws);
        File.Delete(ws.PathOf("moved"));
        File.CreateSymbolicLink(ws.PathOf("moved"), "two.md");
        File.CreateSymbolicLink(ws.PathOf("added"), "two.md");

        DiffResult diff = await ws.Engine.DiffAsync(Latest);
        ResumeResult resumed = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Mirror = true });

        CollectionAssert.AreEqual(new[] { "added" }, diff.Added.ToArray());
        CollectionAssert.AreEqual(new[] { "moved" }, diff.Changed.ToArray());
        CollectionAssert.AreEqual(new[] { "moved" }, resumed.Overwritten.ToArray());
        CollectionAssert.AreEqual(new[] { "added" }, resumed.Deleted.ToArray());
        CollectionAssert.Contains(resumed.Unchanged.ToList(), "same");
        Assert.AreEqual("one.md", LinkTarget(ws.PathOf("moved")));
        Assert.IsFalse(File.Exists(ws.PathOf("added")) || LinkTarget(ws.PathOf("added")) is not null, "the extra link is gone, its target kept");
        Assert.AreEqual("2", ws.Read("two.md"));
    }

    [TestMethod]
    public async Task A_link_travels_through_export_and_import_as_its_target_text_and_comes_back_a_link()
    {
        using TempWorkspace ws = new();
        using TempWorkspace other = new();
        ws.Write("docs/guide.md", "the guide");
        File.CreateSymbolicLink(ws.PathOf("latest.md"), "docs/guide.md");
        await Save(ws);
        string bundle = Path.Combine(other.Root, "links.tar.gz");

        await ws.Engine.ExportAsync(Latest, bundle);
        await other.Engine.ImportAsync(bundle);
        string target = other.PathOf("restored");
        await other.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.AreEqual("docs/guide.md", LinkTarget(Path.Combine(target, "latest.md")));
        Assert.AreEqual("the guide", File.ReadAllText(Path.Combine(target, "docs/guide.md")));
        Assert.IsTrue((await other.Engine.VerifyAsync()).Ok);
    }

    [TestMethod]
    public async Task Under_windows_name_rules_a_link_named_like_a_saved_folder_is_skipped_so_nothing_is_written_through_it()
    {
        using TempWorkspace ws = new();
        using TempWorkspace outside = new();
        // "Docs" is a link to a folder outside, "docs/x.md" a file: both live on Linux, a case-insensitive target holds one.
        Directory.CreateSymbolicLink(ws.PathOf("Docs"), outside.Root);
        ws.Write("docs/x.md", "inside");
        await Save(ws);
        string target = ws.PathOf("restored");

        ResumeResult result = await new CheckpointEngine(ws.Root) { Names = NameRules.Windows }.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        CollectionAssert.AreEqual(new[] { "docs/x.md" }, result.Created.ToArray());
        StringAssert.Contains(result.Failed.Single(f => f.Path == "Docs").Reason, "same name");
        Assert.AreEqual("inside", File.ReadAllText(Path.Combine(target, "docs/x.md")));
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside.Root));
    }
}
