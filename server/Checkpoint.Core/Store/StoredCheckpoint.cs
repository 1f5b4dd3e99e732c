namespace Checkpoint.Core.Store;

/// <summary>A checkpoint folder in the store: <c>&lt;name&gt;_&lt;timestamp&gt;/checkpoint.json</c>.</summary>
internal sealed record StoredCheckpoint(string Id, string Name, string Timestamp, string Folder)
{
    public string ManifestPath => Path.Combine(Folder, StoreLayout.ManifestFileName);

    public Manifest ReadManifest(bool withFiles = true) => ManifestReader.Read(ManifestPath, withFiles);

    /// <summary>Where the bytes of <paramref name="file"/> are: its object, or for a seed checkpoint its copy under files/.</summary>
    /// <remarks>Callers validate <see cref="ManifestFile.Path"/> with <see cref="ManifestPaths"/> first: a seed path becomes a file path.</remarks>
    public string ContentPath(Manifest manifest, ManifestFile file, StoreLayout layout) =>
        IsSeedLayout(manifest)
            ? Path.Combine(Folder, StoreLayout.SeedFilesFolder, file.Path)
            : layout.ObjectPath(file.Hash);

    public static bool IsSeedLayout(Manifest manifest) => manifest.FormatVersion < 1;

    public static string LayoutName(Manifest manifest) => IsSeedLayout(manifest) ? "seed" : "objects";
}
