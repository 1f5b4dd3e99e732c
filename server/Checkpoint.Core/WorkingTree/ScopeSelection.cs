using Checkpoint.Core.Store;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// A saved scope: root-relative entries that are folders (<c>""</c> = the root), single files, or globs
/// (<c>src/**/*.py</c>). The same scope selects files at save time and, later, the files a diff or a
/// mirror restore compares against.
/// </summary>
/// <remarks>
/// Ignore rules: folders and globs honour .gitignore/.checkpointignore; a file named literally (no glob
/// characters) is saved even when ignored, because the user asked for exactly that file — like
/// <c>git add -f</c>. A literally named folder is entered even when ignored, but the rules still apply
/// inside it. Nothing ever comes from <c>.git</c> or the store.
/// </remarks>
internal static class ScopeSelection
{
    private static readonly char[] GlobCharacters = ['*', '?', '[', '{'];

    public static bool IsGlob(string entry) => entry.IndexOfAny(GlobCharacters) >= 0;

    /// <summary>
    /// Turns the request's files/context (relative to <paramref name="cwd"/>) into root-relative scope entries.
    /// <paramref name="globsAsGiven"/>, when passed, receives each glob entry mapped to the pattern as the user typed it,
    /// so an error can name what the user wrote rather than its root-relative form.
    /// </summary>
    public static List<string> Resolve(string root, string cwd, IReadOnlyList<string>? files, string? context,
        Dictionary<string, string>? globsAsGiven = null)
    {
        List<string> scope = [];
        if (context is not null)
        {
            string full = Path.GetFullPath(context, cwd);
            string relative = ToRootRelative(root, full, context);
            EntryKind kind = FileSystem.Current.LStat(full).Kind;
            if (kind == EntryKind.Missing)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"The context folder '{context}' does not exist (resolved to '{full}').");
            }
            if (kind != EntryKind.Directory)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"The context '{context}' is not a folder (resolved to '{full}').");
            }
            scope.Add(relative);
        }
        foreach (string item in files ?? [])
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, "An empty path was given in --files.");
            }
            if (IsGlob(item))
            {
                string pattern = Path.IsPathRooted(item) ? item : Path.Combine(cwd, item);
                // Trimmed so "nomatch/*.md" becomes "nomatch/*.md", not "nomatch//*.md".
                string baseFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(GlobBase(pattern)));
                string rest = pattern[GlobBase(pattern).Length..].TrimStart('/');
                string baseRelative = ToRootRelative(root, baseFolder, item);
                string entry = baseRelative.Length == 0 ? rest : baseRelative + "/" + rest;
                scope.Add(entry);
                globsAsGiven?.TryAdd(entry, item);
                continue;
            }
            string full = Path.GetFullPath(item, cwd);
            string relative = ToRootRelative(root, full, item);
            if (FileSystem.Current.LStat(full).Kind == EntryKind.Missing)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"'{item}' does not exist (resolved to '{full}').");
            }
            scope.Add(relative);
        }
        if (context is null && (files is null || files.Count == 0))
        {
            scope.Add(ToRootRelative(root, Path.GetFullPath(cwd), cwd));
        }
        return Distinct(scope);
    }

    /// <summary>
    /// Every file and link the scope selects under <paramref name="walker"/>'s base, in ordinal path order, each once.
    /// <paramref name="literalFilesBypassIgnore"/> is the save-time rule above; a mirror restore passes false.
    /// <paramref name="unmatchedGlobs"/>, when passed, receives every glob entry that selected no file.
    /// </summary>
    public static List<WalkedFile> Collect(WorkingTreeWalker walker, IReadOnlyList<string> scope,
        bool literalFilesBypassIgnore, List<SkippedEntry> skipped, List<string>? unmatchedGlobs = null)
    {
        List<WalkedFile> selected = [];
        foreach (string entry in scope)
        {
            if (IsGlob(entry))
            {
                int before = selected.Count;
                CollectGlob(walker, entry, selected, skipped);
                if (selected.Count == before)
                {
                    unmatchedGlobs?.Add(entry);
                }
                continue;
            }
            string full = walker.FullPath(entry);
            FileStat stat = FileSystem.Current.LStat(full);
            if (stat.Kind == EntryKind.Directory)
            {
                walker.Walk(entry, honourIgnoreRules: true, selected, skipped);
            }
            else if (stat.Kind is EntryKind.File or EntryKind.SymbolicLink && IsInsideAllowed(walker, entry) && !RestoreTemps.IsTempName(Path.GetFileName(entry.AsSpan()))
                && (literalFilesBypassIgnore || !IsIgnoredFile(walker, entry)))
            {
                // A link named literally is saved as the link, never followed (a folder it points at is not walked).
                selected.Add(new WalkedFile(entry, stat));
            }
            else if (stat.Kind is not (EntryKind.Missing or EntryKind.File or EntryKind.SymbolicLink))
            {
                // Named literally: the user asked for it, so say why it is not in the checkpoint (reading a FIFO would block).
                skipped.Add(new SkippedEntry(entry, WorkingTreeWalker.NotRegularFile(stat.Kind)));
            }
        }
        // One folder (the common case) is already in order; several entries may overlap and interleave.
        if (scope.Count > 1)
        {
            selected.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            selected = Deduplicated(selected);
        }
        return selected;
    }

    private static List<WalkedFile> Deduplicated(List<WalkedFile> sorted)
    {
        List<WalkedFile> unique = new(sorted.Count);
        foreach (WalkedFile file in sorted)
        {
            if (unique.Count == 0 || unique[^1].RelativePath != file.RelativePath)
            {
                unique.Add(file);
            }
        }
        return unique;
    }

    private static void CollectGlob(WorkingTreeWalker walker, string pattern, List<WalkedFile> into, List<SkippedEntry> skipped)
    {
        string baseFolder = GlobBase(pattern).TrimEnd('/');
        string rest = pattern[GlobBase(pattern).Length..];
        if (FileSystem.Current.LStat(walker.FullPath(baseFolder)).Kind != EntryKind.Directory)
        {
            return;
        }
        List<WalkedFile> candidates = [];
        List<SkippedEntry> skippedBelow = [];
        walker.Walk(baseFolder, honourIgnoreRules: true, candidates, skippedBelow);
        Matcher matcher = new(StringComparison.Ordinal);
        matcher.AddInclude(rest);
        int prefix = baseFolder.Length == 0 ? 0 : baseFolder.Length + 1;
        // What the pattern names and could not be saved is reported; what it does not name was never asked for. A folder
        // that could not be read may hide matches, so it is always reported.
        HashSet<string> skippedMatches = new(StringComparer.Ordinal);
        foreach (FilePatternMatch match in matcher.Match(skippedBelow.Select(entry => entry.Path.Length < prefix ? "" : entry.Path[prefix..])).Files)
        {
            skippedMatches.Add(match.Path);
        }
        foreach (SkippedEntry entry in skippedBelow)
        {
            if (entry.Reason == WorkingTreeWalker.UnreadableFolder || (entry.Path.Length >= prefix && skippedMatches.Contains(entry.Path[prefix..])))
            {
                skipped.Add(entry);
            }
        }
        List<string> localPaths = new(candidates.Count);
        foreach (WalkedFile file in candidates)
        {
            localPaths.Add(file.RelativePath[prefix..]);
        }
        // One batch match (the in-memory matcher is built once, not per file), then the walk's order is kept.
        HashSet<string> matched = new(StringComparer.Ordinal);
        foreach (FilePatternMatch match in matcher.Match(localPaths).Files)
        {
            matched.Add(match.Path);
        }
        for (int i = 0; i < candidates.Count; i++)
        {
            if (matched.Contains(localPaths[i]))
            {
                into.Add(candidates[i]);
            }
        }
    }

    /// <summary>The folder a glob entry's walk starts from, without the trailing slash: "src/lib/**/*.cs" → "src/lib".</summary>
    public static string LiteralBase(string pattern) => GlobBase(pattern).TrimEnd('/');

    // The literal folder part of a glob: "src/lib/**/*.cs" → "src/lib/".
    private static string GlobBase(string pattern)
    {
        int firstGlob = pattern.IndexOfAny(GlobCharacters);
        int slash = pattern.LastIndexOf('/', firstGlob);
        return slash < 0 ? "" : pattern[..(slash + 1)];
    }

    private static bool IsInsideAllowed(WorkingTreeWalker walker, string relative)
    {
        string current = walker.Base;
        foreach (string part in relative.Split('/'))
        {
            if (WorkingTreeWalker.IsGitEntry(part))
            {
                return false;
            }
            current = current + "/" + part;
            if (walker.IsExcludedFolder(current))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsIgnoredFile(WorkingTreeWalker walker, string relative)
    {
        List<IgnoreFrame> frames = walker.AncestorFrames(relative);
        return WorkingTreeWalker.IsIgnored(frames, relative, false, checkFolders: true);
    }

    private static string ToRootRelative(string root, string full, string asGiven)
    {
        string relative = Path.GetRelativePath(root, full);
        if (relative == ".")
        {
            return "";
        }
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"'{asGiven}' is outside the workspace root '{root}': only files inside the root can be saved.");
        }
        return relative;
    }

    private static List<string> Distinct(List<string> scope)
    {
        List<string> result = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (string entry in scope)
        {
            if (seen.Add(entry))
            {
                result.Add(entry);
            }
        }
        return result;
    }
}
