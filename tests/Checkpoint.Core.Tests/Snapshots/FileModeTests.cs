using System.Runtime.Versioning;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Tests.Snapshots;

/// <summary>
/// A file's permission bits (mode &amp; 0777) are saved with it and put back by a restore, new files and replaced ones
/// alike; setuid, setgid and sticky never travel. Windows has no such bits: these tests run elsewhere.
/// </summary>
[TestClass]
[OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
[UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private static readonly CheckpointRef Latest = new("modes", Latest: true);

    private static TempWorkspace WithScripts(int? inlineFileLimit = null)
    {
        TempWorkspace ws = new(inlineFileLimit: inlineFileLimit);
        ws.Write("run.sh", "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(ws.PathOf("run.sh"), Mode755);
        ws.Write("secret.txt", "for my eyes only");
        File.SetUnixFileMode(ws.PathOf("secret.txt"), Mode600);
        ws.Write("docs/plain.md", "plain");
        File.SetUnixFileMode(ws.PathOf("docs/plain.md"), Mode644);
        return ws;
    }

    private static Task<SaveResult> Save(TempWorkspace ws) => ws.Engine.SaveAsync(new SaveRequest { Name = "modes", Stage = "s" });

    [TestMethod]
    [DataRow(null)]
    [DataRow(1)] // the files only in the trees
    public async Task A_0755_script_comes_back_0755_and_a_0600_file_0600_in_a_new_target(int? inlineFileLimit)
    {
        using TempWorkspace ws = WithScripts(inlineFileLimit);
        await Save(ws);
        string target = ws.PathOf("restored");

        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        Assert.AreEqual(Mode755, File.GetUnixFileMode(Path.Combine(target, "run.sh")));
        Assert.AreEqual(Mode600, File.GetUnixFileMode(Path.Combine(target, "secret.txt")));
        Assert.AreEqual(Mode644, File.GetUnixFileMode(Path.Combine(target, "docs/plain.md")));
    }

    [TestMethod]
    public async Task A_deleted_script_is_recreated_in_the_root_with_its_mode()
    {
        using TempWorkspace ws = WithScripts();
        await Save(ws);
        File.Delete(ws.PathOf("run.sh"));

        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });

        CollectionAssert.AreEqual(new[] { "run.sh" }, result.Created.ToArray());
        Assert.AreEqual(Mode755, File.GetUnixFileMode(ws.PathOf("run.sh")));
    }

    [TestMethod]
    public async Task A_mode_only_change_is_changed_for_diff_and_resume_puts_the_mode_back_keeping_the_old_one_in_the_safety_checkpoint()
    {
        using TempWorkspace ws = WithScripts();
        await Save(ws);
        File.SetUnixFileMode(ws.PathOf("run.sh"), Mode640);

        DiffResult diff = await ws.Engine.DiffAsync(Latest);
        ResumeResult result = await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest });
        string undoTarget = ws.PathOf("undone");
        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = new CheckpointRef("modes-pre-restore", Latest: true), Target = undoTarget });

        CollectionAssert.AreEqual(new[] { "run.sh" }, diff.Changed.ToArray(), "same bytes, another mode: changed");
        CollectionAssert.AreEqual(new[] { "run.sh" }, result.Overwritten.ToArray());
        CollectionAssert.AreEquivalent(new[] { "docs/plain.md", "secret.txt" }, result.Unchanged.ToArray());
        Assert.AreEqual(Mode755, File.GetUnixFileMode(ws.PathOf("run.sh")));
        Assert.AreEqual("#!/bin/sh\necho run\n", ws.Read("run.sh"));
        Assert.AreEqual(Mode640, File.GetUnixFileMode(Path.Combine(undoTarget, "run.sh")), "the safety checkpoint holds the mode it replaced");
    }

    [TestMethod]
    public async Task Setuid_setgid_and_sticky_are_neither_recorded_nor_restored()
    {
        using TempWorkspace ws = new();
        ws.Write("tool", "#!/bin/sh\n");
        File.SetUnixFileMode(ws.PathOf("tool"), Mode755 | UnixFileMode.SetUser | UnixFileMode.StickyBit);
        Assert.AreNotEqual(Mode755, File.GetUnixFileMode(ws.PathOf("tool")), "the special bits are set here");
        SaveResult saved = await Save(ws);
        string target = ws.PathOf("restored");

        await ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target });

        JsonObject entry = ManifestFiles(ws, saved.Checkpoint.Id).Single()!.AsObject();
        Assert.AreEqual("0755", entry["mode"]?.GetValue<string>());
        Assert.AreEqual(Mode755, File.GetUnixFileMode(Path.Combine(target, "tool")));
    }

    [TestMethod]
    [DataRow("4755")]
    [DataRow("10755")]
    [DataRow("0x1ed")]
    [DataRow("rwxr-xr-x")]
    [DataRow("755")] // checkpoint.json spells a mode with exactly four digits
    public async Task A_forged_mode_beyond_the_permission_bits_is_refused_and_nothing_is_written(string forged)
    {
        using TempWorkspace ws = WithScripts();
        SaveResult saved = await Save(ws);
        string manifestPath = Path.Combine(ws.Store, saved.Checkpoint.Id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest.Remove("tree");
        manifest["format_version"] = 1;
        manifest["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "run.sh")!["mode"] = forged;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        string target = ws.PathOf("restored");

        CheckpointException e = await Assert.ThrowsExactlyAsync<CheckpointException>(() =>
            ws.Engine.ResumeAsync(new ResumeRequest { Checkpoint = Latest, Target = target }));
        VerifyResult verify = await ws.Engine.VerifyAsync();

        Assert.AreEqual(ErrorKind.Integrity, e.Kind);
        StringAssert.Contains(e.Message, forged);
        Assert.IsFalse(Directory.Exists(target));
        Assert.IsFalse(verify.Ok);
    }

    [TestMethod]
    public async Task The_mode_is_written_in_checkpoint_json_as_four_octal_digits()
    {
        using TempWorkspace ws = WithScripts();
        SaveResult saved = await Save(ws);

        Dictionary<string, string?> modes = ManifestFiles(ws, saved.Checkpoint.Id)
            .ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["mode"]?.GetValue<string>());

        Assert.AreEqual("0755", modes["run.sh"]);
        Assert.AreEqual("0600", modes["secret.txt"]);
        Assert.AreEqual("0644", modes["docs/plain.md"]);
    }

    private static JsonArray ManifestFiles(TempWorkspace ws, string id) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Store, id, "checkpoint.json")))!["files"]!.AsArray();
}
