namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// The ignore rules one folder contributes: its <c>.gitignore</c> followed by its <c>.checkpointignore</c>
/// (later rules win within a list, so a <c>!pattern</c> in .checkpointignore re-includes what git ignores —
/// that is how the defaults are overridden). Rules apply to paths below their folder, as in git.
/// </summary>
internal sealed class IgnoreFrame
{
    public const string GitIgnore = ".gitignore";
    public const string CheckpointIgnore = ".checkpointignore";

    private readonly IgnoreRules _rules;

    private IgnoreFrame(string baseRelative, IgnoreRules rules)
    {
        BaseRelative = baseRelative;
        _rules = rules;
    }

    /// <summary>Root-relative folder the rules are relative to ("" = the root).</summary>
    public string BaseRelative { get; }

    /// <summary>The frame of <paramref name="folderFull"/>, or null when it has no ignore files.</summary>
    public static IgnoreFrame? Load(string folderFull, string folderRelative, bool hasGitIgnore = true, bool hasCheckpointIgnore = true)
    {
        List<string> lines = [];
        if (hasGitIgnore)
        {
            ReadLines(Path.Combine(folderFull, GitIgnore), lines);
        }
        if (hasCheckpointIgnore)
        {
            ReadLines(Path.Combine(folderFull, CheckpointIgnore), lines);
        }
        return IgnoreRules.Parse(lines) is { } rules ? new IgnoreFrame(folderRelative, rules) : null;
    }

    /// <summary>Root-level rules from <paramref name="patterns"/> (.gitignore syntax), or null when there are none.</summary>
    public static IgnoreFrame? FromPatterns(IEnumerable<string> patterns)
    {
        IgnoreRules? rules = IgnoreRules.Parse(patterns.Where(line => !string.IsNullOrWhiteSpace(line)).Select(line => line.Trim()));
        return rules is null ? null : new IgnoreFrame("", rules);
    }

    private static void ReadLines(string file, List<string> into)
    {
        try
        {
            foreach (string line in File.ReadLines(file))
            {
                if (line.Length > 0 && line[0] != '#' && !string.IsNullOrWhiteSpace(line))
                {
                    into.Add(line);
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // No ignore file (or an unreadable one): no rules from this folder.
        }
    }

    /// <summary>
    /// Whether the root-relative <paramref name="relativePath"/> (below <see cref="BaseRelative"/>) is ignored;
    /// with <paramref name="checkFolders"/>, also when one of its folders below the base is (a path given
    /// directly, not reached by a walk that skipped ignored folders).
    /// </summary>
    public bool Ignores(string relativePath, bool isDirectory, bool checkFolders = false)
    {
        string local = BaseRelative.Length == 0 ? relativePath : relativePath[(BaseRelative.Length + 1)..];
        return checkFolders ? _rules.IgnoresPathOrFolder(local, isDirectory) : _rules.Matches(local, isDirectory);
    }
}
