using System.Diagnostics;
using System.Security.Cryptography;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A real <c>checkpoint resume</c> process killed with SIGKILL while it stages, takes the safety checkpoint and
/// renames: no file under its real name may ever hold anything but its old or its restored content, and the
/// temps the kill leaves are never saved, never shown by diff, and removed by the next run.
/// </summary>
[TestClass]
public sealed class ResumeCrashSafetyTests
{
    private const int Iterations = 4;
    private const string Huge = "big/huge.bin";
    private const string SeedVariable = "CHECKPOINT_CRASH_SEED";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Killing_resume_leaves_no_partial_file_under_a_real_name_and_the_next_run_removes_its_temps()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } fixedSeed ? int.Parse(fixedSeed) : Random.Shared.Next();
        TestContext.WriteLine($"Random seed {seed} (rerun the same kill moments with {SeedVariable}={seed}).");
        var random = new Random(seed);
        using var workspace = new TestWorkspace();
        var tree = new GeneratedTree(workspace, "big", fileCount: 1500, fileSize: 4096);
        tree.Write(generation: 0);
        // A big new file takes long to stage, so kills land while it is being written (it used to be written in place).
        var huge = new byte[64 << 20];
        random.NextBytes(huge);
        File.WriteAllBytes(workspace.PathOf(Huge), huge);
        (await workspace.Cli.RunAsync("save", "--name", "tree", "--stage", "saved", "--context", "big")).AssertExit(0);
        var saved = Hashes(workspace, "big");

        var killed = 0;
        for (var iteration = 1; killed < Iterations && iteration <= Iterations * 3; iteration++)
        {
            tree.Write(generation: iteration);
            File.Delete(workspace.PathOf(Huge));
            var before = Hashes(workspace, "big");
            var leftBefore = RestoreTemps(workspace).ToHashSet();
            using var resume = workspace.Cli.Start("resume", "--name", "tree", "--latest", "--yes");
            var moment = await KillMomentAsync(workspace, random, resume, leftBefore);
            if (resume.HasExited)
            {
                TestContext.WriteLine($"#{iteration}: finished before the kill ({moment}).");
                continue;
            }
            resume.KillHard();
            await resume.WaitAsync(TimeSpan.FromSeconds(30));
            killed++;
            var temps = RestoreTemps(workspace);
            TestContext.WriteLine($"#{iteration}: killed {moment}; {temps.Count} temps left in the working tree.");

            foreach (var (path, hash) in Hashes(workspace, "big"))
            {
                var expected = path == Huge ? [saved[path]] : new[] { saved[path], before[path] };
                CollectionAssert.Contains(expected, hash, $"#{iteration}: '{path}' holds neither its old nor its restored content (killed {moment}).");
            }
        }
        Assert.IsGreaterThanOrEqualTo(Iterations / 2, killed, "Most kills should land while the resume is running.");

        var diff = (await workspace.Cli.RunAsync("diff", "--name", "tree", "--latest")).AssertExit(0);
        var next = (await workspace.Cli.RunAsync("save", "--name", "after-kill", "--stage", "next", "--context", "big")).AssertExit(0);

        Assert.DoesNotContain(".ckpt-restore", diff.StdOut, "diff shows a temp");
        Assert.IsFalse(workspace.ManifestPaths(next.CheckpointId).Any(path => path.Contains(".ckpt-restore")), "a temp was saved");
        CollectionAssert.AreEqual(Array.Empty<string>(), RestoreTemps(workspace).ToArray(), "the next run removes the killed resume's temps");
        (await workspace.Cli.RunAsync("resume", "--name", "tree", "--latest", "--yes")).AssertExit(0);
        CollectionAssert.AreEquivalent(saved.ToArray(), Hashes(workspace, "big").ToArray(), "a resume after the kills restores every file");
    }

    /// <summary>Waits until the resume has started writing (a new temp or the big file appears), then a random moment more.</summary>
    private static async Task<string> KillMomentAsync(TestWorkspace workspace, Random random, RunningCli resume, HashSet<string> leftBefore)
    {
        var clock = Stopwatch.StartNew();
        string[] watched = [workspace.PathOf("big"), workspace.PathOf("big/part-00")];
        while (!resume.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) &&
               !watched.Any(folder => Directory.EnumerateFiles(folder).Any(file =>
                   (file.Contains(".ckpt-restore-") && !leftBefore.Contains(file)) || file.EndsWith("huge.bin"))))
        {
            await Task.Delay(2);
        }
        var writingAt = clock.ElapsedMilliseconds;
        // The delay is the variable under test (where in staging, safety checkpoint or renames the kill lands).
        await Task.Delay(random.Next(0, 400));
        return $"{clock.ElapsedMilliseconds - writingAt} ms after the first write ({writingAt} ms after the start)";
    }

    private static Dictionary<string, string> Hashes(TestWorkspace workspace, string folder) =>
        Directory.EnumerateFiles(workspace.PathOf(folder), "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetFileName(file).StartsWith(".ckpt-restore-", StringComparison.Ordinal))
            .ToDictionary(
                file => Path.GetRelativePath(workspace.Root, file).Replace(Path.DirectorySeparatorChar, '/'),
                file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));

    private static List<string> RestoreTemps(TestWorkspace workspace) =>
        Directory.EnumerateFiles(workspace.Root, ".ckpt-restore-*", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(workspace.Store + "/", StringComparison.Ordinal))
            .ToList();
}
