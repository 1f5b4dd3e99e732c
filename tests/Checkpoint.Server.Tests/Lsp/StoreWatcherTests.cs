using System.Collections.Concurrent;
using Checkpoint.Server.Lsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>The store watcher behind checkpoint/changed, on a real temp folder.</summary>
[TestClass]
public sealed class StoreWatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private string _root = "";

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "checkpoint-watch-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public async Task A_store_that_does_not_exist_yet_is_followed_down_as_its_folders_appear()
    {
        var store = Path.Combine(_root, "memory", "checkpoints");
        var reports = new BlockingCollection<IReadOnlyList<string>>();
        using var watcher = new StoreWatcher(store, TimeSpan.FromMilliseconds(50), reports.Add, NullLogger.Instance);
        watcher.Start();

        Directory.CreateDirectory(Path.Combine(_root, "memory"));
        Directory.CreateDirectory(store);
        Publish(store, "first_20260213_143022");

        CollectionAssert.AreEqual(new[] { "first_20260213_143022" }, (await NextAsync(reports)).ToArray());
    }

    [TestMethod]
    public async Task A_manifest_written_into_an_existing_folder_and_a_deleted_checkpoint_are_both_reported()
    {
        var store = Directory.CreateDirectory(Path.Combine(_root, "store")).FullName;
        Publish(store, "old_20260101_000000");
        var reports = new BlockingCollection<IReadOnlyList<string>>();
        using var watcher = new StoreWatcher(store, TimeSpan.FromMilliseconds(50), reports.Add, NullLogger.Instance);
        watcher.Start();

        // The seed's tool: the folder first, the copies, the manifest last, all in place.
        var seedFolder = Directory.CreateDirectory(Path.Combine(store, "seed_20260213_090000", "files")).Parent!.FullName;
        File.WriteAllText(Path.Combine(seedFolder, "files", "a.md"), "a");
        File.WriteAllText(Path.Combine(seedFolder, "checkpoint.json"), "{}");
        CollectionAssert.AreEqual(new[] { "seed_20260213_090000" }, (await NextAsync(reports)).ToArray());

        Directory.Delete(Path.Combine(store, "old_20260101_000000"), recursive: true);
        CollectionAssert.AreEqual(new[] { "old_20260101_000000" }, (await NextAsync(reports)).ToArray());
    }

    // As the engine publishes: a complete folder moved into the store in one rename.
    private void Publish(string store, string id)
    {
        var staging = Directory.CreateDirectory(Path.Combine(_root, id + ".staging")).FullName;
        File.WriteAllText(Path.Combine(staging, "checkpoint.json"), "{}");
        Directory.Move(staging, Path.Combine(store, id));
    }

    private static Task<IReadOnlyList<string>> NextAsync(BlockingCollection<IReadOnlyList<string>> reports) =>
        Task.Run(() => reports.TryTake(out var report, Timeout) ? report : throw new AssertFailedException($"No change reported within {Timeout.TotalSeconds} s."));
}
