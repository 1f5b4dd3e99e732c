namespace Checkpoint.Core.Store;

/// <summary>Removes a checkpoint folder atomically: renamed into tmp/ first (it stops being a checkpoint at once), then deleted.</summary>
internal static class CheckpointRemoval
{
    /// <summary>The caller holds the store lock.</summary>
    public static void Remove(StoreLayout layout, StoredCheckpoint checkpoint)
    {
        string aside = Path.Combine(layout.Temp, $"deleted.{checkpoint.Id}.{Environment.ProcessId}");
        Directory.Move(checkpoint.Folder, aside);
        FileSystem.Current.SyncDirectory(layout.Root);
        // A crash from here on leaves only garbage in tmp/, cleaned by the next writer.
        StoreMaintenance.DeleteEntry(aside);
    }
}
