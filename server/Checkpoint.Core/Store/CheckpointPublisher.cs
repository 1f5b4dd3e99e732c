namespace Checkpoint.Core.Store;

/// <summary>
/// Makes a checkpoint exist, atomically: its folder is assembled under tmp/ (checkpoint.json fsynced, the
/// summary beside it), then renamed to <c>&lt;name&gt;_&lt;timestamp&gt;</c> and the store folder fsynced. Before the
/// rename there is no checkpoint; after it, a complete one.
/// </summary>
internal static class CheckpointPublisher
{
    public static void Publish(StoreLayout layout, string id, Manifest manifest, string summaryMarkdown)
    {
        string staging = Path.Combine(layout.Temp, $"{id}.{Environment.ProcessId}.publish");
        Directory.CreateDirectory(staging);
        using (FileStream stream = new(Path.Combine(staging, StoreLayout.ManifestFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ManifestWriter.Write(manifest, stream);
            stream.Flush(flushToDisk: true);
        }
        File.WriteAllText(Path.Combine(staging, StoreLayout.SummaryFileName), summaryMarkdown);
        FileSystem.Current.SyncDirectory(staging);
        Directory.Move(staging, layout.CheckpointFolder(id));
        FileSystem.Current.SyncDirectory(layout.Root);
    }

    /// <summary>
    /// Issues the id for <paramref name="name"/> at <paramref name="timestamp"/>: the seed's, or with _2, _3… on collision,
    /// never one issued before (see <see cref="IssuedIds"/>), and records it. Call with the writer lock held.
    /// </summary>
    public static string IssueId(StoreLayout layout, string name, string timestamp)
    {
        Dictionary<string, int> issued = IssuedIds.Read(layout);
        string id = CheckpointNames.Id(name, timestamp);
        for (int suffix = 2; issued.ContainsKey(id) || Directory.Exists(layout.CheckpointFolder(id)); suffix++)
        {
            id = CheckpointNames.Id(name, $"{timestamp}_{suffix}");
        }
        IssuedIds.Append(layout, id);
        return id;
    }
}
