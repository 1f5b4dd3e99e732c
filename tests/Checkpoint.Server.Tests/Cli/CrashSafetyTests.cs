using System.Diagnostics;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A real <c>checkpoint save</c> process killed with SIGKILL at random moments: the store must hold
/// only complete checkpoints that verify, and the next save must succeed and clean up the leftovers.
/// </summary>
[TestClass]
public sealed class CrashSafetyTests
{
    private const int Iterations = 6;
    private const string SeedVariable = "CHECKPOINT_CRASH_SEED";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Killing_save_at_random_moments_leaves_only_complete_checkpoints_and_the_next_save_cleans_up()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } fixedSeed ? int.Parse(fixedSeed) : Random.Shared.Next();
        TestContext.WriteLine($"Random seed {seed} (rerun the same kill moments with {SeedVariable}={seed}).");
        var random = new Random(seed);
        using var workspace = new TestWorkspace();
        // More files than the store lists inline (2,000): every checkpoint is format 2's header plus folder trees.
        var tree = new GeneratedTree(workspace, "big", fileCount: 2100, fileSize: 4096);
        tree.Write(generation: 0);

        // How long one uncontended save takes here (process start included): kill moments are drawn from it.
        var clock = Stopwatch.StartNew();
        (await workspace.Cli.RunAsync("save", "--name", "calibration", "--stage", "full", "--context", tree.Folder)).AssertExit(0);
        var saveDuration = clock.Elapsed;
        TestContext.WriteLine($"One save of {tree.FileCount} files takes {saveDuration.TotalMilliseconds:0} ms.");

        // A fast machine finishes some saves before their kill moment: keep drawing moments (bounded)
        // until enough kills have landed mid-save for the test to mean something.
        var killed = 0;
        for (var iteration = 1; killed < Iterations && iteration <= Iterations * 4; iteration++)
        {
            tree.Write(generation: iteration);
            using var save = workspace.Cli.Start("save", "--name", "crash", "--stage", $"attempt-{iteration}", "--context", tree.Folder);
            var moment = await WaitForKillMomentAsync(iteration, random, saveDuration, workspace.Store, save);
            if (save.HasExited)
            {
                TestContext.WriteLine($"#{iteration}: finished before the kill ({moment}).");
                continue;
            }
            save.KillHard();
            var result = await save.WaitAsync(TimeSpan.FromSeconds(30));
            killed++;
            TestContext.WriteLine($"#{iteration}: killed {moment}, exit {result.ExitCode}.");
        }
        Assert.IsGreaterThanOrEqualTo(Iterations / 2, killed, "Most kills should land while the save is running; the tree is too small for this machine.");

        var verified = await workspace.Cli.RunAsync("verify");
        verified.AssertExit(0);
        var listed = (await workspace.Cli.RunAsync("list", "--json")).AssertExit(0);
        foreach (var checkpoint in listed.Json.GetProperty("checkpoints").EnumerateArray())
        {
            Assert.AreEqual(tree.FileCount, checkpoint.GetProperty("totalFiles").GetInt64(), $"Incomplete checkpoint listed: {checkpoint}");
            // The header's count is not enough: the trees must hold every file.
            var shown = (await workspace.Cli.RunAsync("show", "--name", checkpoint.GetProperty("name").GetString()!,
                "--timestamp", checkpoint.GetProperty("timestamp").GetString()!, "--json")).AssertExit(0);
            Assert.AreEqual(tree.FileCount, shown.Json.GetProperty("files").GetArrayLength(), $"Trees incomplete: {checkpoint}");
        }

        TestContext.WriteLine($"Left by the kills: {StoreLeftovers.TemporaryFiles(workspace.Store).Count} temp files, " +
            $"{StoreLeftovers.FoldersWithoutManifest(workspace.Store).Count} checkpoint folders without checkpoint.json.");

        var final = (await workspace.Cli.RunAsync("save", "--name", "after-crashes", "--stage", "full", "--context", tree.Folder)).AssertExit(0);
        StatusLines.AssertOk(final.LastStdOutLine, "save", "after-crashes");
        (await workspace.Cli.RunAsync("verify")).AssertExit(0);
        CollectionAssert.AreEqual(Array.Empty<string>(), StoreLeftovers.TemporaryFiles(workspace.Store).ToArray(), "Temp files left after the next save.");
        CollectionAssert.AreEqual(Array.Empty<string>(), StoreLeftovers.FoldersWithoutManifest(workspace.Store).ToArray(), "Half-written checkpoint folders left after the next save.");
    }

    /// <summary>
    /// Odd iterations kill after a random delay within one save's duration; even ones kill once the
    /// store holds a random number of new files (so some kills land in the middle of writing objects);
    /// every fourth kills as soon as the save's content pack is in place, when its trees and checkpoint.json
    /// are being written.
    /// </summary>
    private static async Task<string> WaitForKillMomentAsync(int iteration, Random random, TimeSpan saveDuration, string store, RunningCli save)
    {
        if (iteration % 4 == 0)
        {
            var packs = Path.Combine(store, "objects", "pack");
            var contentPacks = CountPacks(packs, "pack-*.idx");
            var wait = Stopwatch.StartNew();
            while (!save.HasExited && CountPacks(packs, "pack-*.idx") == contentPacks && wait.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(1);
            return $"once its content pack was committed ({wait.ElapsedMilliseconds} ms)";
        }
        if (iteration % 2 == 1)
        {
            // The delay is the variable under test (when the kill lands), not a wait for something to happen.
            var delay = TimeSpan.FromMilliseconds(random.Next(20, Math.Max(40, (int)saveDuration.TotalMilliseconds)));
            await Task.Delay(delay);
            return $"after {delay.TotalMilliseconds:0} ms";
        }
        var before = CountFiles(store);
        var target = before + random.Next(1, 1000);
        var deadline = Stopwatch.StartNew();
        while (!save.HasExited && CountFiles(store) < target && deadline.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(5);
        return $"after {CountFiles(store) - before} new files in the store ({deadline.ElapsedMilliseconds} ms)";
    }

    private static int CountPacks(string packs, string pattern) =>
        Directory.Exists(packs) ? Directory.EnumerateFiles(packs, pattern).Count() : 0;

    private static int CountFiles(string store) =>
        Directory.Exists(store) ? Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Count() : 0;
}
