namespace Checkpoint.Tests.Fixtures;

/// <summary>
/// The store fixtures both test projects share (tests/Fixtures, copied beside each test assembly): real store
/// folders, copied file by file into a test's empty store so that no test changes the originals.
/// </summary>
internal static class FixtureStores
{
    /// <summary>A checkpoint written by the seed's own tool: checkpoint.json, CHECKPOINT_SUMMARY.md and files/ copies.</summary>
    public static string SeedStore => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-store");

    /// <summary>Copies every file below <paramref name="source"/> to the same relative path below <paramref name="store"/>.</summary>
    public static void CopyInto(string source, string store)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(store, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
