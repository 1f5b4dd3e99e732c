namespace Checkpoint.Core.Store;

/// <summary>
/// Removes what a crashed writer left behind. Only called with the lock held, so no writer is in flight; a resume into
/// another folder may be (it takes no lock), and its journal is left while it runs.
/// </summary>
internal static class StoreMaintenance
{
    public static void CleanLeftovers(StoreLayout layout)
    {
        if (Directory.Exists(layout.Temp))
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(layout.Temp))
            {
                if (RestoreTemps.IsJournal(entry))
                {
                    if (RestoreTemps.OwnerRuns(entry))
                    {
                        continue;
                    }
                    RestoreTemps.CleanUp(entry); // a killed resume's temps in the working tree
                }
                DeleteEntry(entry);
            }
        }
        // A pack is renamed into place before its index: one without the other is a crashed save's garbage.
        if (Directory.Exists(layout.Packs))
        {
            foreach (string file in Directory.EnumerateFiles(layout.Packs))
            {
                string partner = Path.ChangeExtension(file, Path.GetExtension(file) == ".pack" ? ".idx" : ".pack");
                if (!File.Exists(partner))
                {
                    DeleteEntry(file);
                }
            }
        }
        // We publish a checkpoint by renaming a complete folder, so a folder without checkpoint.json can
        // only be a crashed write by another tool (the seed's copies folder-by-folder); it is not a checkpoint.
        foreach (string folder in Directory.EnumerateDirectories(layout.Root))
        {
            if (CheckpointNames.TryParseId(Path.GetFileName(folder), out _, out _) &&
                !File.Exists(Path.Combine(folder, StoreLayout.ManifestFileName)))
            {
                DeleteEntry(folder);
            }
        }
    }

    public static void DeleteEntry(string path)
    {
        try
        {
            if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next run tries again.
        }
    }
}
