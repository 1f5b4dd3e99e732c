using Checkpoint.Core;

namespace Checkpoint.Server.Cli;

/// <summary>
/// What <c>--root</c> and <c>--store</c> must be before a verb runs, so that a typo is told as what it is ("does not
/// exist", "is a file") and not as whatever the verb would stumble on first ("outside the workspace root", "cannot
/// create the store"). Exit 2 for a path that cannot be what it names; exit 1 for a root the user may not read.
/// A store that does not exist yet is fine: the first save creates it. Paths go into the messages raw: the one place
/// that prints a message escapes its control characters (<see cref="VerbRunner"/>).
/// </summary>
internal static class LocationCheck
{
    /// <summary>The workspace root must be a folder this process can list.</summary>
    /// <param name="label">How the message names it: <c>--root '/x'</c>.</param>
    public static void Root(string path, string label)
    {
        if (!Directory.Exists(path))
            throw Invalid(label, path, NotAFolder(path) ?? "does not exist: give the workspace folder");
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
            entries.MoveNext();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CheckpointException(ErrorKind.Failed, $"{label} '{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The store must be a folder, or not exist yet somewhere a folder can be created.</summary>
    public static void Store(string path, string label)
    {
        if (Directory.Exists(path))
            return;
        if (NotAFolder(path) is { } problem)
            throw Invalid(label, path, problem);
        for (var ancestor = Path.GetDirectoryName(path); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (Directory.Exists(ancestor))
                return;
            if (NotAFolder(ancestor) is { } blocking)
                throw Invalid(label, path, $"cannot be created: '{ancestor}' {(blocking == IsFile ? "is a file" : blocking)}");
        }
    }

    /// <summary>What the entry at <paramref name="path"/> is, when it is there but no folder; null when nothing is there.</summary>
    private static string? NotAFolder(string path)
    {
        // Links first: .NET's File.Exists is true for a link that leads nowhere.
        var entry = new FileInfo(path);
        if (entry.LinkTarget is { } target && !Resolves(entry))
            return $"is a symbolic link to '{Path.GetFullPath(target, Path.GetDirectoryName(path) ?? "/")}', which does not exist";
        return File.Exists(path) ? IsFile : null;
    }

    private static bool Resolves(FileInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (IOException)
        {
            return false; // a loop of links
        }
    }

    private const string IsFile = "is a file, not a folder";

    private static CheckpointException Invalid(string label, string path, string problem) =>
        new(ErrorKind.InvalidArgument, $"{label} '{path}' {problem}.");
}
