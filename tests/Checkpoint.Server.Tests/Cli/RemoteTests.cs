using System.Text.Json;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// Push and pull through real git: a bare repository as file://, and git daemon on 127.0.0.1 as the network path;
/// two workspaces act as two machines.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RemoteTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Temp(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "checkpoint-remote-tests", Guid.NewGuid().ToString("N")[..12], name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static async Task<string> SaveAsync(TestWorkspace workspace, string name, string context)
    {
        var saved = (await workspace.Cli.RunAsync("save", "--name", name, "--stage", "work", "--context", context)).AssertExit(0);
        return saved.CheckpointId;
    }

    private static JsonElement[] Outcomes(CliResult result) => [.. result.Json.GetProperty("checkpoints").EnumerateArray()];

    /// <summary>Runs a command and asserts the user's own repository (branches, index, working tree, hooks) is byte-identical after it.</summary>
    private static async Task<CliResult> UntouchedAsync(TestWorkspace workspace, params string[] args)
    {
        // The store's own folder (memory/, made by the first command that needs a store) is not the user's.
        static string UserFiles(TestWorkspace workspace) =>
            string.Join('\n', workspace.WorkingTreeFingerprint().Split('\n').Where(line => !line.StartsWith("memory ", StringComparison.Ordinal)));
        var before = UserFiles(workspace);
        var result = await workspace.Cli.RunAsync(args);
        Assert.AreEqual(before, UserFiles(workspace), $"'checkpoint {string.Join(' ', args)}' changed the user's repository or working tree.");
        Assert.IsFalse(workspace.Exists("HOOK-RAN"), "A hook of the user's repository ran.");
        return result;
    }

    [TestMethod]
    public async Task Push_then_pull_into_an_empty_store_restores_byte_identical_files_and_leaves_both_repositories_alone()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        GitFixture.UserRepository(laptop);
        GitFixture.UserRepository(devBox);
        laptop.WithSeedModules();
        laptop.Write("modules/mod-005-docker-containers/naïve \"quoted\" name.md", "unicode and quotes in a path\n");
        File.WriteAllBytes(laptop.PathOf("modules/mod-005-docker-containers/binary.bin"), [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var url = new Uri(remote).AbsoluteUri;
        var id = await SaveAsync(laptop, "module-05", "modules");
        var branchesBefore = GitFixture.Run(laptop.Root, "for-each-ref");

        (await UntouchedAsync(laptop, "remote", "add", "origin", url)).AssertExit(0);
        var pushed = (await UntouchedAsync(laptop, "push", "--json")).AssertExit(0);
        Assert.AreEqual("pushed", Outcomes(pushed).Single().GetProperty("outcome").GetString());
        var again = (await UntouchedAsync(laptop, "push", "origin", "--json")).AssertExit(0);
        Assert.AreEqual("up-to-date", Outcomes(again).Single().GetProperty("outcome").GetString(), "Pushing again must change nothing.");
        Assert.AreEqual(branchesBefore, GitFixture.Run(laptop.Root, "for-each-ref"), "The user's refs changed.");

        var remoteRefs = GitFixture.Run(remote, "for-each-ref", "--format=%(refname)").Trim();
        Assert.AreEqual($"refs/checkpoints/module-05/{id["module-05_".Length..]}", remoteRefs, "Exactly one private ref, never a branch.");
        var tree = GitFixture.Run(remote, "ls-tree", "-r", "--name-only", remoteRefs);
        StringAssert.Contains(tree, "checkpoint.json");
        StringAssert.Contains(tree, "CHECKPOINT_SUMMARY.md");
        StringAssert.Contains(tree, "files/modules/mod-008-monitoring/exercises/ex1.md");

        (await UntouchedAsync(devBox, "remote", "add", "origin", remote)).AssertExit(0);
        var pulled = (await UntouchedAsync(devBox, "pull", "--json")).AssertExit(0);
        Assert.AreEqual("pulled", Outcomes(pulled).Single().GetProperty("outcome").GetString());
        (await UntouchedAsync(devBox, "pull")).AssertExit(0);
        (await devBox.Cli.RunAsync("verify")).AssertExit(0);

        var target = Temp("restored");
        (await UntouchedAsync(devBox, "resume", "--name", "module-05", "--latest", "--target", target)).AssertExit(0);
        foreach (var file in Directory.EnumerateFiles(laptop.PathOf("modules"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(laptop.Root, file);
            CollectionAssert.AreEqual(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(target, relative)), relative);
        }
        Assert.AreEqual(laptop.ManifestPaths(id).Length, Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count());

        // Pulled, then pushed from the second machine to a second remote: the very same commit.
        var mirror = GitFixture.BareRemote(Temp("mirror.git"));
        (await devBox.Cli.RunAsync("remote", "add", "mirror", mirror)).AssertExit(0);
        (await UntouchedAsync(devBox, "push", "mirror", "--id", id)).AssertExit(0);
        Assert.AreEqual(GitFixture.Run(remote, "rev-parse", remoteRefs), GitFixture.Run(mirror, "rev-parse", remoteRefs), "The same checkpoint must be the same commit everywhere.");
    }

    [TestMethod]
    [DataRow(2_000, DisplayName = "a small file (encoded in memory, across the cores)")]
    [DataRow(600_000, DisplayName = "a big file (streamed)")]
    public async Task A_damaged_stored_content_makes_push_refuse_naming_the_file_and_nothing_reaches_the_remote(int size)
    {
        using var laptop = new TestWorkspace();
        GitFixture.UserRepository(laptop);
        laptop.WithSeedModules();
        const string Victim = "modules/victim.txt";
        laptop.Write(Victim, string.Concat(Enumerable.Repeat("measured 42 ", size / 12)));
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var id = await SaveAsync(laptop, "module-05", "modules");
        var hash = laptop.Manifest(id).GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == Victim).GetProperty("hash").GetString()!;
        StoredObjects.Corrupt(laptop.Store, hash);
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);

        var refused = await UntouchedAsync(laptop, "push");

        refused.AssertExit(3);
        StringAssert.Contains(refused.StdErr + refused.StdOut, Victim, refused.ToString());
        Assert.AreEqual("", GitFixture.Run(remote, "for-each-ref").Trim(), "Nothing may reach the remote.");
        var transfer = Path.Combine(laptop.Store, "transfer.git");
        Assert.AreEqual("", GitFixture.Run(transfer, "for-each-ref", "refs/checkpoints").Trim(), "No local ref may point at a partial commit.");
        Assert.IsEmpty(Directory.EnumerateFiles(transfer, "checkpoint-pack.*"), "The pack body is removed.");
    }

    [TestMethod]
    public async Task Two_machines_pushing_different_checkpoints_at_once_through_git_daemon_both_land()
    {
        var served = Temp("served");
        GitFixture.BareRemote(Path.Combine(served, "team.git"));
        using var daemon = new GitFixture.Daemon(served);
        using var first = new TestWorkspace();
        using var second = new TestWorkspace();
        GitFixture.UserRepository(first);
        GitFixture.UserRepository(second);
        first.Write("work/a.md", "first machine\n");
        second.Write("work/b.md", "second machine\n");
        var firstId = await SaveAsync(first, "first", "work");
        var secondId = await SaveAsync(second, "second", "work");
        foreach (var workspace in new[] { first, second })
            (await workspace.Cli.RunAsync("remote", "add", "team", daemon.Url("team.git"))).AssertExit(0);

        var pushes = await Task.WhenAll(UntouchedAsync(first, "push", "team"), UntouchedAsync(second, "push", "team"));
        foreach (var push in pushes)
            push.AssertExit(0);

        var listed = (await first.Cli.RunAsync("pull", "team", "--json")).AssertExit(0);
        CollectionAssert.AreEquivalent(new[] { firstId, secondId }, Outcomes(listed).Select(c => c.GetProperty("id").GetString()).ToArray());
        Assert.AreEqual("pulled", Outcomes(listed).Single(c => c.GetProperty("id").GetString() == secondId).GetProperty("outcome").GetString());
        (await first.Cli.RunAsync("resume", "--name", "second", "--latest", "--target", Temp("second"))).AssertExit(0);
        (await first.Cli.RunAsync("verify")).AssertExit(0);
    }

    [TestMethod]
    public async Task An_id_on_both_sides_with_different_content_is_refused_by_push_and_pull_and_nothing_is_overwritten()
    {
        using var first = new TestWorkspace();
        using var second = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        first.Write("work/a.md", "version one\n");
        var id = await SaveAsync(first, "shared", "work");
        (await first.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await first.Cli.RunAsync("push")).AssertExit(0);
        var remoteCommit = GitFixture.Run(remote, "rev-parse", $"refs/checkpoints/shared/{id["shared_".Length..]}");

        // The second machine has a checkpoint with the same id and other content.
        second.Write("work/a.md", "version two, different\n");
        var own = await SaveAsync(second, "shared", "work");
        // Saved within the same second, it already has the id; otherwise it takes it.
        if (own != id)
        {
            Directory.Move(Path.Combine(second.Store, own), Path.Combine(second.Store, id));
        }
        var localManifest = File.ReadAllText(Path.Combine(second.Store, id, "checkpoint.json"));
        (await second.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);

        var push = await second.Cli.RunAsync("push", "--json");
        push.AssertExit(1);
        var refused = Outcomes(push).Single();
        Assert.AreEqual("conflict", refused.GetProperty("outcome").GetString());
        StringAssert.Contains(refused.GetProperty("message").GetString(), "refs/checkpoints/shared/");
        Assert.AreEqual(remoteCommit, GitFixture.Run(remote, "rev-parse", $"refs/checkpoints/shared/{id["shared_".Length..]}"), "The remote's checkpoint was overwritten.");

        var pull = await second.Cli.RunAsync("pull");
        pull.AssertExit(1);
        StringAssert.Contains(pull.StdOut, "conflict");
        StringAssert.Contains(pull.StdOut, "different content");
        Assert.AreEqual(localManifest, File.ReadAllText(Path.Combine(second.Store, id, "checkpoint.json")), "The local checkpoint was overwritten.");
        Assert.AreEqual("version two, different\n", second.Read("work/a.md"));
    }

    [TestMethod]
    public async Task A_corrupted_object_on_the_remote_makes_pull_refuse_that_checkpoint_and_name_it()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"), looseObjects: true);
        laptop.Write("good/a.md", "a good checkpoint\n");
        laptop.Write("bad/unique.md", "content only the damaged checkpoint has\n");
        var good = await SaveAsync(laptop, "good", "good");
        var bad = await SaveAsync(laptop, "bad", "bad");
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await laptop.Cli.RunAsync("push")).AssertExit(0);

        var blob = GitFixture.Run(remote, "rev-parse", $"refs/checkpoints/bad/{bad["bad_".Length..]}:files/bad/unique.md").Trim();
        var objectFile = Path.Combine(remote, "objects", blob[..2], blob[2..]);
        File.SetUnixFileMode(objectFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(objectFile, [0x78, 0x01, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x11]);

        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var pull = await devBox.Cli.RunAsync("pull", "--json");
        pull.AssertExit(3);
        var outcomes = Outcomes(pull).ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.AreEqual("pulled", outcomes[good].GetProperty("outcome").GetString());
        Assert.AreEqual("damaged", outcomes[bad].GetProperty("outcome").GetString());
        StringAssert.Contains(outcomes[bad].GetProperty("message").GetString(), bad);
        var listed = (await devBox.Cli.RunAsync("list", "--json")).AssertExit(0);
        CollectionAssert.AreEqual(new[] { good }, listed.Json.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray());
        (await devBox.Cli.RunAsync("verify")).AssertExit(0);
    }

    [TestMethod]
    public async Task A_remote_commit_whose_file_does_not_match_its_SHA256_is_refused_naming_the_file()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        laptop.Write("work/notes.md", "the real notes\n");
        laptop.Write("work/other.md", "other\n");
        var id = await SaveAsync(laptop, "forged", "work");
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await laptop.Cli.RunAsync("push")).AssertExit(0);

        // Someone with write access replaces a file's content but keeps checkpoint.json: a valid git commit, a wrong SHA-256.
        var refName = $"refs/checkpoints/forged/{id["forged_".Length..]}";
        var clone = Temp("forger");
        GitFixture.Run(clone, "init", "--quiet", ".");
        GitFixture.Run(clone, "fetch", "--quiet", remote, $"{refName}:{refName}");
        GitFixture.Run(clone, "checkout", "--quiet", refName);
        File.WriteAllText(Path.Combine(clone, "files/work/notes.md"), "forged notes\n");
        GitFixture.Run(clone, "commit", "--quiet", "-am", "forged");
        GitFixture.Run(clone, "push", "--quiet", "--force", remote, $"HEAD:{refName}");

        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var pull = await devBox.Cli.RunAsync("pull");
        pull.AssertExit(3);
        StringAssert.Contains(pull.StdOut, "damaged");
        StringAssert.Contains(pull.StdOut, id);
        StringAssert.Contains(pull.StdOut, "work/notes.md");
        StringAssert.Contains(pull.StdOut, "SHA-256");
        Assert.IsFalse(Directory.Exists(Path.Combine(devBox.Store, id)), "A checkpoint that failed verification appeared in the store.");
    }

    [TestMethod]
    public async Task Twenty_checkpoints_with_one_percent_churn_send_little_more_than_the_churn()
    {
        using var workspace = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        const int Files = 100, Size = 50_000, Changed = 1;
        var random = new Random(7);
        byte[] Content() { var bytes = new byte[Size]; random.NextBytes(bytes); return bytes; }
        for (var i = 0; i < Files; i++)
            File.WriteAllBytes(Directory.CreateDirectory(workspace.PathOf($"tree/d{i % 10}")).FullName + $"/f{i:000}.bin", Content());
        (await workspace.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        await SaveAsync(workspace, "churn", "tree");
        (await workspace.Cli.RunAsync("push")).AssertExit(0);
        var first = GitFixture.ObjectBytes(remote);
        TestContext.WriteLine($"First checkpoint ({Files} × {Size} B): remote objects {first:N0} B.");

        long churn = 0;
        for (var generation = 1; generation < 20; generation++)
        {
            for (var k = 0; k < Changed; k++)
            {
                var index = random.Next(Files);
                File.WriteAllBytes(workspace.PathOf($"tree/d{index % 10}/f{index:000}.bin"), Content());
                churn += Size;
            }
            await SaveAsync(workspace, "churn", "tree");
            (await workspace.Cli.RunAsync("push", "--name", "churn")).AssertExit(0);
        }
        var growth = GitFixture.ObjectBytes(remote) - first;
        TestContext.WriteLine($"19 more checkpoints, {churn:N0} B of changed content: the remote grew by {growth:N0} B ({(double)growth / churn:0.00}× the churn).");
        Assert.AreEqual(20, GitFixture.Run(remote, "for-each-ref").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.IsLessThanOrEqualTo((long)(churn * 1.3), growth, "Unchanged files travelled again.");
    }

    [TestMethod]
    public async Task Prune_drops_the_git_commits_of_deleted_checkpoints_and_a_later_push_of_the_same_content_still_works()
    {
        using var workspace = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var transfer = Path.Combine(workspace.Store, "transfer.git");
        var random = new Random(11);
        var content = new byte[200_000];
        random.NextBytes(content);
        File.WriteAllBytes(Directory.CreateDirectory(workspace.PathOf("tree")).FullName + "/big.bin", content);
        (await workspace.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        var old = await SaveAsync(workspace, "gone", "tree");
        (await workspace.Cli.RunAsync("push")).AssertExit(0);
        var withCommit = GitFixture.ObjectBytes(transfer);

        (await workspace.Cli.RunAsync("delete", "--name", "gone", "--timestamp", old["gone_".Length..])).AssertExit(0);
        var pruned = (await workspace.Cli.RunAsync("prune", "--json")).AssertExit(0);

        Assert.AreEqual("", GitFixture.Run(transfer, "for-each-ref").Trim(), "no ref of a checkpoint the store no longer has");
        Assert.IsLessThan(withCommit / 10, GitFixture.ObjectBytes(transfer), "the deleted checkpoint's objects are gone from transfer.git");
        Assert.IsGreaterThan(150_000L, pruned.Json.GetProperty("bytesFreed").GetInt64(), pruned.ToString());
        // The same content saved again: the blob map knew it, but its blob was collected; the push must make it anew.
        var again = await SaveAsync(workspace, "back", "tree");
        (await workspace.Cli.RunAsync("push")).AssertExit(0);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData([.. "blob 200000\0"u8, .. content])),
            GitFixture.Run(remote, "rev-parse", $"refs/checkpoints/back/{again["back_".Length..]}:files/tree/big.bin").Trim());
    }

    [TestMethod]
    public async Task A_pull_killed_with_SIGKILL_leaves_no_half_imported_checkpoint()
    {
        using var laptop = new TestWorkspace();
        using var devBox = new TestWorkspace();
        var remote = GitFixture.BareRemote(Temp("remote.git"));
        var tree = new GeneratedTree(laptop, "big", fileCount: 3000, fileSize: 4096);
        tree.Write(generation: 0);
        var id = await SaveAsync(laptop, "big", tree.Folder);
        (await laptop.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);
        (await laptop.Cli.RunAsync("push")).AssertExit(0);
        (await devBox.Cli.RunAsync("remote", "add", "origin", remote)).AssertExit(0);

        var killed = 0;
        for (var attempt = 0; attempt < 8 && killed < 3; attempt++)
        {
            using var pull = devBox.Cli.Start("pull");
            // Kill once the import is under way: the store's tmp/ or a new pack shows it started writing.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!pull.HasExited && DateTime.UtcNow < deadline && !ImportStarted(devBox.Store))
                await Task.Delay(5);
            await Task.Delay(Random.Shared.Next(0, 40));
            if (pull.HasExited)
            {
                TestContext.WriteLine($"#{attempt}: finished before the kill.");
                Directory.Delete(Path.Combine(devBox.Store, id), recursive: true);
                continue;
            }
            pull.KillHard();
            await pull.WaitAsync(TimeSpan.FromSeconds(30));
            killed++;
            var listed = (await devBox.Cli.RunAsync("list", "--json")).AssertExit(0);
            foreach (var checkpoint in listed.Json.GetProperty("checkpoints").EnumerateArray())
            {
                Assert.AreEqual(tree.FileCount, checkpoint.GetProperty("totalFiles").GetInt64(), "A half-imported checkpoint is listed.");
                Directory.Delete(Path.Combine(devBox.Store, checkpoint.GetProperty("id").GetString()!), recursive: true);
            }
            (await devBox.Cli.RunAsync("verify")).AssertExit(0);
        }
        Assert.IsGreaterThan(0, killed, "No kill landed during a pull.");
        (await devBox.Cli.RunAsync("pull")).AssertExit(0);
        (await devBox.Cli.RunAsync("verify", "--name", "big")).AssertExit(0);
        Assert.AreEqual(0, StoreLeftovers.FoldersWithoutManifest(devBox.Store).Count);
    }

    private static bool ImportStarted(string store) =>
        Directory.Exists(Path.Combine(store, "tmp")) && Directory.EnumerateFileSystemEntries(Path.Combine(store, "tmp")).Any();

    [TestMethod]
    public async Task Remote_errors_name_the_remote_and_say_what_git_said()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a.md", "a\n");
        await SaveAsync(workspace, "lonely", ".");
        var push = await workspace.Cli.RunAsync("push");
        push.AssertExit(2);
        StringAssert.Contains(push.StdErr, "checkpoint remote add");

        (await workspace.Cli.RunAsync("remote", "add", "nowhere", Path.Combine(Path.GetTempPath(), "no-such-repo-" + Guid.NewGuid().ToString("N")))).AssertExit(0);
        var failed = await workspace.Cli.RunAsync("push", "nowhere");
        failed.AssertExit(1);
        StringAssert.Contains(failed.StdErr, "'nowhere'");
        StringAssert.Contains(failed.StdErr, "git said");
        (await workspace.Cli.RunAsync("remote", "add", "bad", "--upload-pack=touch /tmp/x")).AssertExit(2);
        (await workspace.Cli.RunAsync("remote", "add", "nowhere", "/elsewhere")).AssertExit(2);
        var list = (await workspace.Cli.RunAsync("remote", "list", "--json")).AssertExit(0);
        Assert.AreEqual(1, list.Json.GetProperty("remotes").GetArrayLength());
        (await workspace.Cli.RunAsync("remote", "remove", "nowhere")).AssertExit(0);
        (await workspace.Cli.RunAsync("remote", "remove", "nowhere")).AssertExit(2);
    }
}
