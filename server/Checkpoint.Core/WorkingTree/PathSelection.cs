namespace Checkpoint.Core.WorkingTree;

/// <summary>How a list of root-relative paths selects files: a file by its path, a folder with everything below it.</summary>
public static class PathSelection
{
    /// <summary>True when <paramref name="wanted"/> is <paramref name="path"/> or one of its folders (<c>""</c> selects all).</summary>
    public static bool Selects(string wanted, string path)
    {
        wanted = wanted.Replace('\\', '/').Trim('/');
        return wanted.Length == 0 || path == wanted
            || (path.Length > wanted.Length && path[wanted.Length] == '/' && path.StartsWith(wanted, StringComparison.Ordinal));
    }

    /// <summary>True when any of <paramref name="paths"/> selects <paramref name="path"/>; null selects everything.</summary>
    public static bool AnySelects(IReadOnlyList<string>? paths, string path) => paths is null || paths.Any(p => Selects(p, path));
}
