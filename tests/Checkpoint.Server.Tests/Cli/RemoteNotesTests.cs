using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// <c>push --with-notes</c>: the episodic day notes that link a checkpoint travel in its commit (<c>notes/YYYY-MM-DD.md</c>)
/// and a pull writes them into the notes folder, never over a different note; forged note paths refuse the checkpoint.
/// Real git, a bare repository as file://, two workspaces as two machines.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RemoteNotesTests
{
    private const string Day = "2026-12-01";

    private static string Temp(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "checkpoint-remote-notes-tests", Guid.NewGuid().ToString("N")[..12], name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static JsonElement[] Outcomes(CliResult result) => [.. result.Json.GetProperty("checkpoints").EnumerateArray()];

    private static JsonElement[] Notes(JsonElement checkpoint) =>
        checkpoint.TryGetProperty("notes", out var notes) ? [.. notes.EnumerateArray()] : [];

    /// <summary>A day note (CRLF, non-ASCII, no final newline: bytes must travel exactly) whose emergency entry links <paramref name="id"/>.</summary>
    private static byte[] LinkingNote(string id, string task = "Port the parser — naïve café") =>
        Encoding.UTF8.GetBytes($"# {Day}\r\n\r\n## EMERGENCY CHECKPOINT 14:30 — Context: 88%\r\n**TASK:** {task}\r\n**STATUS:** half done\r\n**Snapshot:** {id}\r\n\r\n### 15:00 Note\r\nlater thoughts");

    /// <summary>A machine with one checkpoint of work/, a day note linking it, another day note that does not, and the remote added.</summary>
    private static async Task<(string Id, byte[] Note)> LaptopAsync(TestWorkspace laptop, string remote)
    {
        laptop.Write("work/a.md", "the work\n");
        laptop.Write("work/empty.md", "");
        laptop.Write("work/deep/er/same-as-a.md", "the work\n");
        File.WriteAllText(laptop.PathOf("work/run.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(laptop.PathOf("work/run.sh"), (UnixFileMode)0b111_101_101);
        var id = (await laptop.Cli.RunAsync("save", "--name", "handoff", "--stage", "s", "--context", "work")).AssertExit(0).CheckpointId;
        var note = LinkingNote(id);
        Directory.CreateDirectory(laptop.PathOf("memory/episodic"));
        File.WriteAllBytes(laptop.PathOf($"memory/episodic/{Day}.md"), note);
        laptop.Write("memory/episodic/2026-12-02.md", "# 2026-12-02\n\n### 09:00 Note\nnothing linked here\n");
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        return (id, note);
    }

    private static string RefOf(string id) => $"refs/checkpoints/handoff/{id["handoff_".Length..]}";

    [TestMethod]
    public async Task Push_with_notes_then_pull_into_a_fresh_workspace_writes_the_linking_day_note_byte_identical()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var (id, note) = await LaptopAsync(laptop, remote);

        var pushed = (await laptop.Cli.RunAsync("push", "--with-notes", "--json")).AssertExit(0);
        var checkpoint = Outcomes(pushed).Single();
        Assert.AreEqual("pushed", checkpoint.GetProperty("outcome").GetString());
        CollectionAssert.AreEqual(new[] { $"{Day}.md:sent" }, Notes(checkpoint).Select(n => $"{n.GetProperty("name").GetString()}:{n.GetProperty("outcome").GetString()}").ToArray());
        var tree = GitFixture.Run(remote, "ls-tree", "-r", "--name-only", RefOf(id)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(tree, $"notes/{Day}.md");
        CollectionAssert.DoesNotContain(tree, "notes/2026-12-02.md", "A day note that links nothing must not travel.");
        GitFixture.Run(remote, "fsck", "--strict", "--no-dangling");
        GitFixture.Run(Path.Combine(laptop.Store, "transfer.git"), "fsck", "--strict", "--no-dangling");
        StringAssert.Contains(GitFixture.Run(remote, "ls-tree", "-r", RefOf(id), "files/work/run.sh"), "100755 blob");
        Assert.AreEqual("up-to-date", Outcomes((await laptop.Cli.RunAsync("push", "--with-notes", "--json")).AssertExit(0)).Single().GetProperty("outcome").GetString());

        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var pulled = (await devBox.Cli.RunAsync("pull", "--json")).AssertExit(0);
        var arrived = Outcomes(pulled).Single();
        Assert.AreEqual("pulled", arrived.GetProperty("outcome").GetString());
        Assert.AreEqual("written", Notes(arrived).Single().GetProperty("outcome").GetString());
        CollectionAssert.AreEqual(note, File.ReadAllBytes(devBox.PathOf($"memory/episodic/{Day}.md")), "The note must arrive byte-identical.");
        Assert.IsFalse(devBox.Exists("memory/episodic/2026-12-02.md"));
        (await devBox.Cli.RunAsync("verify")).AssertExit(0);

        var again = Outcomes((await devBox.Cli.RunAsync("pull", "--json")).AssertExit(0)).Single();
        Assert.AreEqual("present", again.GetProperty("outcome").GetString());
        Assert.AreEqual("identical", Notes(again).Single().GetProperty("outcome").GetString());
        Assert.AreEqual(1, Directory.GetFiles(devBox.PathOf("memory/episodic")).Length, "Nothing beside an identical note.");
    }

    [TestMethod]
    public async Task Without_the_flag_no_note_travels_and_a_later_push_with_notes_adds_them_as_a_fast_forward()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var other = GitFixture.BareRemote(Temp("other.git"));
        var (id, note) = await LaptopAsync(laptop, remote);

        var plain = Outcomes((await laptop.Cli.RunAsync("push", "--json")).AssertExit(0)).Single();
        Assert.AreEqual("pushed", plain.GetProperty("outcome").GetString());
        Assert.AreEqual(0, Notes(plain).Length);
        Assert.IsFalse(GitFixture.Run(remote, "ls-tree", "-r", "--name-only", RefOf(id)).Contains("notes/", StringComparison.Ordinal), "No note without --with-notes.");
        var first = GitFixture.Run(remote, "rev-parse", RefOf(id)).Trim();

        // The checkpoint is already there: with notes it becomes a child of the remote's commit, so git takes it as a fast-forward.
        var withNotes = Outcomes((await laptop.Cli.RunAsync("push", "--with-notes", "--json")).AssertExit(0)).Single();
        Assert.AreEqual("pushed", withNotes.GetProperty("outcome").GetString());
        Assert.AreEqual(first, GitFixture.Run(remote, "rev-parse", RefOf(id) + "^").Trim(), "The commit with notes must build on the one the remote had.");
        StringAssert.Contains(GitFixture.Run(remote, "ls-tree", "-r", "--name-only", RefOf(id)), $"notes/{Day}.md");

        // Built with notes here, pushed without the flag to another remote: the notes stay home.
        (await laptop.Cli.RunAsync("remote", "add", "other", other)).AssertExit(0);
        Assert.AreEqual("pushed", Outcomes((await laptop.Cli.RunAsync("push", "other", "--json")).AssertExit(0)).Single().GetProperty("outcome").GetString());
        Assert.IsFalse(GitFixture.Run(other, "ls-tree", "-r", "--name-only", RefOf(id)).Contains("notes/", StringComparison.Ordinal), "A note travelled without --with-notes.");

        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await devBox.Cli.RunAsync("pull")).AssertExit(0);
        CollectionAssert.AreEqual(note, File.ReadAllBytes(devBox.PathOf($"memory/episodic/{Day}.md")));
        (await devBox.Cli.RunAsync("remote", "add", "other", other)).AssertExit(0);
        using var third = new TestWorkspace();
        (await third.Cli.RunAsync("remote", "add", "other", other)).AssertExit(0);
        (await third.Cli.RunAsync("pull")).AssertExit(0);
        Assert.IsFalse(Directory.Exists(third.PathOf("memory/episodic")), "Pulled from a remote without notes, no note may appear.");
    }

    [TestMethod]
    public async Task A_different_local_note_of_that_day_is_kept_and_the_remote_one_is_written_beside_it_or_refused()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var (id, note) = await LaptopAsync(laptop, remote);
        (await laptop.Cli.RunAsync("push", "--with-notes")).AssertExit(0);

        var local = Encoding.UTF8.GetBytes($"# {Day}\n\n### 08:00 Note\nthe dev box's own notes of that day\n");
        Directory.CreateDirectory(devBox.PathOf("memory/episodic"));
        File.WriteAllBytes(devBox.PathOf($"memory/episodic/{Day}.md"), local);
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var pulled = (await devBox.Cli.RunAsync("pull", "--json")).AssertExit(0);
        var written = Notes(Outcomes(pulled).Single()).Single();
        Assert.AreEqual("beside", written.GetProperty("outcome").GetString());
        StringAssert.Contains(written.GetProperty("message").GetString(), "was kept");
        CollectionAssert.AreEqual(local, File.ReadAllBytes(devBox.PathOf($"memory/episodic/{Day}.md")), "The local note was overwritten.");
        var beside = devBox.PathOf($"memory/episodic/{Day}.{id}.md");
        Assert.AreEqual(beside, written.GetProperty("path").GetString());
        CollectionAssert.AreEqual(note, File.ReadAllBytes(beside));

        // The name beside it holds something else too: both kept, the note refused with a message, the pull still succeeds.
        File.WriteAllText(beside, "edited by hand\n");
        var again = (await devBox.Cli.RunAsync("pull", "--json")).AssertExit(0);
        var refused = Notes(Outcomes(again).Single()).Single();
        Assert.AreEqual("refused", refused.GetProperty("outcome").GetString());
        StringAssert.Contains(refused.GetProperty("message").GetString(), "was not written");
        Assert.AreEqual("edited by hand\n", File.ReadAllText(beside));
        CollectionAssert.AreEqual(local, File.ReadAllBytes(devBox.PathOf($"memory/episodic/{Day}.md")));

        // A link where the note would go is never written through.
        var elsewhere = Path.Combine(Temp("elsewhere"), "target.md");
        File.WriteAllText(elsewhere, "outside\n");
        using var linked = new TestWorkspace();
        Directory.CreateDirectory(linked.PathOf("memory/episodic"));
        File.CreateSymbolicLink(linked.PathOf($"memory/episodic/{Day}.md"), elsewhere);
        (await linked.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var throughLink = Notes(Outcomes((await linked.Cli.RunAsync("pull", "--json")).AssertExit(0)).Single()).Single();
        Assert.AreEqual("beside", throughLink.GetProperty("outcome").GetString());
        Assert.AreEqual("outside\n", File.ReadAllText(elsewhere), "A note was written through a symbolic link.");
    }

    /// <summary>Raw tree bytes (any names, even ones git would never make) written into <paramref name="repository"/>; its id.</summary>
    private static string ForgedTree(string repository, params (string Mode, string Name, string Id)[] entries)
    {
        using var bytes = new MemoryStream();
        foreach (var (mode, name, id) in entries)
        {
            bytes.Write(Encoding.UTF8.GetBytes($"{mode} {name}\0"));
            bytes.Write(Convert.FromHexString(id));
        }
        var file = Path.Combine(Temp("tree"), "tree.bin");
        File.WriteAllBytes(file, bytes.ToArray());
        return GitFixture.Run(repository, "hash-object", "-t", "tree", "--literally", "-w", file).Trim();
    }

    private static string Blob(string repository, string content)
    {
        var file = Path.Combine(Temp("blob"), "blob");
        File.WriteAllText(file, content);
        return GitFixture.Run(repository, "hash-object", "-w", file).Trim();
    }

    [TestMethod]
    [DataRow("dotdot", DisplayName = "notes/../escape.md")]
    [DataRow("absolute", DisplayName = "notes//tmp/escape.md")]
    [DataRow("symlink", DisplayName = "notes/<day>.md as a symbolic link")]
    [DataRow("not-a-day", DisplayName = "notes/escape.md")]
    public async Task A_forged_commit_whose_note_path_escapes_is_refused_before_anything_is_written(string forgery)
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var (id, _) = await LaptopAsync(laptop, remote);
        (await laptop.Cli.RunAsync("push")).AssertExit(0);

        // The genuine commit's top level (checkpoint.json, the summary, files/) plus a forged notes/ tree, pushed over the ref.
        var top = GitFixture.Run(remote, "ls-tree", RefOf(id)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => { var tab = line.IndexOf('\t'); var head = line[..tab].Split(' '); return (Mode: head[0] == "040000" ? "40000" : head[0], Name: line[(tab + 1)..], Id: head[2]); })
            .ToList();
        var escape = Blob(remote, "# escaped\n");
        var notes = forgery switch
        {
            "dotdot" => ForgedTree(remote, ("40000", "..", ForgedTree(remote, ("100644", "escape.md", escape)))),
            "absolute" => ForgedTree(remote, ("100644", "/tmp/escape.md", escape)),
            "symlink" => ForgedTree(remote, ("120000", $"{Day}.md", Blob(remote, "../../../escape.md"))),
            _ => ForgedTree(remote, ("100644", "escape.md", escape)),
        };
        top.Add(("40000", "notes", notes));
        var root = ForgedTree(remote, [.. top.OrderBy(e => e.Mode == "40000" ? e.Name + "/" : e.Name, StringComparer.Ordinal)]);
        var commit = GitFixture.Run(remote, "commit-tree", root, "-m", "forged").Trim();
        GitFixture.Run(remote, "update-ref", RefOf(id), commit);

        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var pull = await devBox.Cli.RunAsync("pull", "--json");
        pull.AssertExit(3);
        var refused = Outcomes(pull).Single();
        Assert.AreEqual("damaged", refused.GetProperty("outcome").GetString());
        StringAssert.Contains(refused.GetProperty("message").GetString(), "notes/");
        Assert.IsFalse(Directory.Exists(Path.Combine(devBox.Store, id)), "A checkpoint with a forged note path appeared in the store.");
        Assert.IsFalse(Directory.Exists(devBox.PathOf("memory/episodic")), "Something was written to the notes folder.");
        Assert.AreEqual(0, Directory.EnumerateFiles(devBox.Root, "escape.md", SearchOption.AllDirectories).Count());
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(devBox.Root)!, "escape.md")));
        Assert.IsFalse(File.Exists("/tmp/escape.md") && File.ReadAllText("/tmp/escape.md") == "# escaped\n", "A note was written at an absolute path.");
    }
}
