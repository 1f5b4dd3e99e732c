namespace Checkpoint.Server.Tests.Cli;

/// <summary>Finds the stored content of a file in the object store, to damage it the way a bad disk would.</summary>
internal static class StoredObjects
{
    /// <summary>The object file for <paramref name="hash"/> (<c>sha256:&lt;hex&gt;</c>), wherever the store fans it out under <c>objects/</c>.</summary>
    public static string PathOf(string store, string hash)
    {
        var hex = hash["sha256:".Length..];
        var objects = Path.Combine(store, "objects");
        var found = Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(objects, path).Replace(Path.DirectorySeparatorChar.ToString(), "").Contains(hex, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.HasCount(1, found, $"Expected exactly one object file for {hash} under {objects}.");
        return found[0];
    }

    /// <summary>Replaces an object's bytes with other bytes of the same length (a silent bit rot).</summary>
    public static void Corrupt(string store, string hash)
    {
        var path = PathOf(store, hash);
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] ^= 0x5A;
        File.SetAttributes(path, FileAttributes.Normal);
        File.WriteAllBytes(path, bytes);
    }
}
