using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>A workspace root and its store: what every operation needs to find files (its walker, its exclusions) and checkpoints.</summary>
internal sealed class Workspace
{
    /// <param name="names">The names the target's folders can hold; this system's by default (tests force <see cref="NameRules.Windows"/>).</param>
    public Workspace(string root, string storePath, IReadOnlyList<string>? exclude = null, int compressionMinimumLength = ObjectCompression.DefaultMinimumLength,
        NameRules? names = null, int inlineFileLimit = Manifest.DefaultInlineFileLimit, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Names = names ?? FileSystem.Current.Names;
        InlineFileLimit = inlineFileLimit;
        Root = Path.TrimEndingDirectorySeparator(root);
        _exclude = exclude is { Count: > 0 } ? IgnoreFrame.FromPatterns(exclude) : null;
        Layout = new StoreLayout(Path.TrimEndingDirectorySeparator(storePath));
        Objects = new ObjectStore(Layout, compressionMinimumLength);
        Trees = new TreeStore(Layout);
        Catalog = new CheckpointCatalog(Layout, Trees);
    }

    private readonly IgnoreFrame? _exclude;

    public string Root { get; }
    public StoreLayout Layout { get; }
    public ObjectStore Objects { get; }
    public TreeStore Trees { get; }

    /// <summary>Checkpoints of up to this many files list them inline in checkpoint.json; bigger ones only through <see cref="Trees"/>.</summary>
    public int InlineFileLimit { get; }
    public CheckpointCatalog Catalog { get; }
    public NameRules Names { get; }
    /// <summary>What "now" is for a save's timestamp; tests step it (the same second, a clock that goes back).</summary>
    public TimeProvider Clock { get; }

    /// <summary>A walker over <paramref name="baseFolder"/> (the root by default) that never enters the store.</summary>
    public WorkingTreeWalker Walker(string? baseFolder = null) => new(baseFolder ?? Root, [Layout.Root], _exclude);

    /// <summary>Takes the writer lock and clears what a crashed writer left.</summary>
    public StoreLock LockForWriting(CancellationToken cancellationToken = default)
    {
        StoreLock storeLock = StoreLock.Acquire(Layout, cancellationToken: cancellationToken);
        try
        {
            StoreMaintenance.CleanLeftovers(Layout);
            return storeLock;
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }
    }
}
