namespace Checkpoint.Core.Store;

/// <summary>A checkpoint folder in the store: <c>&lt;name&gt;_&lt;timestamp&gt;/checkpoint.json</c>.</summary>
/// <param name="Trees">Where its folder trees are (format 2); by default the store the folder is in.</param>
internal sealed record StoredCheckpoint(string Id, string Name, string Timestamp, string Folder, TreeStore? Trees = null)
{
    public string ManifestPath => Path.Combine(Folder, StoreLayout.ManifestFileName);

    public string SummaryPath => Path.Combine(Folder, StoreLayout.SummaryFileName);

    /// <summary>
    /// checkpoint.json; with <paramref name="withFiles"/> its files too, listed from the folder trees when the
    /// manifest leaves them out (a damaged tree is <see cref="DamagedTreeException"/>, an <see cref="UnreadableManifestException"/>).
    /// </summary>
    public Manifest ReadManifest(bool withFiles = true)
    {
        Manifest manifest = ManifestReader.Read(ManifestPath, withFiles);
        if (withFiles && !manifest.FilesInline && manifest.Tree is { } root)
        {
            manifest.Files.AddRange(CheckpointTrees.ListFiles(TreeStoreOrDefault, root, ManifestPath));
        }
        return manifest;
    }

    /// <summary>The tree store this checkpoint's trees are in.</summary>
    public TreeStore TreeStoreOrDefault => Trees ?? new TreeStore(new StoreLayout(Path.GetDirectoryName(Folder)!));

    /// <summary>Where the bytes of <paramref name="file"/> are: in the object store, or for a seed checkpoint its copy under files/. Null when missing.</summary>
    /// <remarks>Callers validate <see cref="ManifestFile.Path"/> with <see cref="ManifestPaths"/> first: a seed path becomes a file path.</remarks>
    public ContentLocation? Locate(Manifest manifest, ManifestFile file, ObjectStore objects) =>
        IsSeedLayout(manifest)
            ? new ContentLocation(Path.Combine(Folder, StoreLayout.SeedFilesFolder, file.Path), 0, -1)
            : objects.Locate(file.Hash);

    /// <summary>What identifies the stored bytes: the hash for our objects (shared between checkpoints), the copy's path for a seed checkpoint.</summary>
    public string ContentIdentity(Manifest manifest, ManifestFile file) =>
        IsSeedLayout(manifest) ? Path.Combine(Folder, StoreLayout.SeedFilesFolder, file.Path) : file.Hash;

    public static bool IsSeedLayout(Manifest manifest) => manifest.FormatVersion < 1;

    public static string LayoutName(Manifest manifest) => IsSeedLayout(manifest) ? "seed" : "objects";
}
