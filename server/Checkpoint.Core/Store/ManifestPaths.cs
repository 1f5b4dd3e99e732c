
namespace Checkpoint.Core.Store;

/// <summary>
/// A manifest is input from disk and may have been edited or forged: every path is checked before a
/// single byte is written. Allowed: relative, <c>/</c>-separated, no empty, <c>.</c> or <c>..</c> segment,
/// no backslash, no NUL, nothing inside <c>.git</c>.
/// </summary>
internal static class ManifestPaths
{
    /// <summary>Why <paramref name="path"/> is unsafe, or null when it is fine.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "empty path";
        }
        if (path[0] == '/' || Path.IsPathRooted(path))
        {
            return "absolute path";
        }
        if (path.Contains('\\'))
        {
            return "backslash in path";
        }
        if (path.Contains('\0'))
        {
            return "NUL character in path";
        }
        // "c:notes.md" is an ordinary name on Linux and macOS; on Windows it is rooted (refused above) and a colon
        // elsewhere names a stream, which the restore skips there (NameRules).
        // Segment by segment without splitting: a restore checks every path of a 100k-file manifest.
        for (ReadOnlySpan<char> rest = path; ;)
        {
            int slash = rest.IndexOf('/');
            ReadOnlySpan<char> segment = slash < 0 ? rest : rest[..slash];
            if (segment.IsEmpty)
            {
                return "empty path segment";
            }
            if (segment is "." or "..")
            {
                return $"'{segment}' segment";
            }
            if (segment is ".git")
            {
                return "path inside .git";
            }
            if (slash < 0)
            {
                return null;
            }
            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>
    /// Every saved path that is also the folder of another saved path, with the first path found below it: no save records
    /// both (an entry is a file or a folder, never both), so a checkpoint listing <c>a</c> and <c>a/b</c> is forged or damaged,
    /// and writing it would fail half-way (or, were <c>a</c> a link, write <c>b</c> wherever it leads).
    /// </summary>
    public static List<(ManifestFile Entry, string Below)> FilesThatAreFolders(IReadOnlyList<ManifestFile> files)
    {
        Dictionary<string, ManifestFile> paths = new(files.Count, StringComparer.Ordinal);
        foreach (ManifestFile file in files)
        {
            paths.TryAdd(file.Path, file);
        }
        // Looked up by span: no substring per folder of every path of a 100k-file manifest.
        Dictionary<string, ManifestFile>.AlternateLookup<ReadOnlySpan<char>> lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        List<(ManifestFile, string)> found = [];
        HashSet<string> reported = new(StringComparer.Ordinal);
        foreach (ManifestFile file in files)
        {
            string path = file.Path;
            for (int slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                if (lookup.TryGetValue(path.AsSpan(0, slash), out ManifestFile entry) && reported.Add(entry.Path))
                {
                    found.Add((entry, path));
                }
            }
        }
        return found;
    }

    /// <summary>Throws <see cref="ErrorKind.Integrity"/> naming every unsafe path; nothing has been written when it does.</summary>
    public static void ValidateAll(StoredCheckpoint checkpoint, Manifest manifest)
    {
        List<DamagedFile> unsafePaths = [];
        List<string> reasons = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (ManifestFile file in manifest.Files)
        {
            string? problem = Problem(file.Path) ?? (seen.Add(file.Path) ? null : "listed twice");
            if (problem is not null)
            {
                unsafePaths.Add(new DamagedFile(file.Path, "unreadable"));
                reasons.Add($"'{file.Path}' ({problem})");
            }
        }
        foreach ((ManifestFile entry, string below) in FilesThatAreFolders(manifest.Files))
        {
            unsafePaths.Add(new DamagedFile(entry.Path, "unreadable"));
            unsafePaths.Add(new DamagedFile(below, "unreadable"));
            reasons.Add($"'{entry.Path}' is a {(entry.IsLink ? "link" : "file")} and also the folder of '{below}'");
        }
        // The scope decides which folders a resume walks (and, with mirror, deletes from): a ".." in a forged
        // scope would reach outside the target.
        foreach (string entry in manifest.Scope ?? [])
        {
            if (entry.Length > 0 && Problem(entry) is { } problem)
            {
                reasons.Add($"scope '{entry}' ({problem})");
            }
        }
        if (reasons.Count > 0)
        {
            throw new CheckpointException(ErrorKind.Integrity,
                $"Checkpoint {checkpoint.Id} has unsafe paths in checkpoint.json and was not restored; nothing was written: {string.Join(", ", reasons.Take(10))}" +
                (reasons.Count > 10 ? $" and {reasons.Count - 10} more." : "."))
            {
                Damaged = unsafePaths,
            };
        }
    }
}
