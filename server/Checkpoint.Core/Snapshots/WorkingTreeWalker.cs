using System.IO.Enumeration;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>A regular file found in the working tree, with the one <c>lstat</c> taken of it.</summary>
internal readonly record struct WalkedFile(string RelativePath, string FullPath, FileStat Stat);

/// <summary>
/// Walks folders of a tree with one directory read and one <c>statx</c> per entry, never following links.
/// Always excluded: any <c>.git</c> entry, the checkpoint store, and <c>memory/checkpoints</c>. With ignore rules
/// on, <c>.gitignore</c>/<c>.checkpointignore</c> files of the folder and of its ancestors up to the base apply.
/// </summary>
internal sealed class WorkingTreeWalker
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0, // dotfiles are "hidden" on Unix and must be saved; skipping would also cost a stat
        ReturnSpecialDirectories = false,
    };

    private readonly string _base;
    private readonly HashSet<string> _excludedFolders;

    /// <param name="baseFolder">Absolute folder every relative path is relative to (the root, or a restore target).</param>
    /// <param name="excludedFolders">Absolute folders never entered (the store).</param>
    public WorkingTreeWalker(string baseFolder, IEnumerable<string> excludedFolders)
    {
        _base = Path.TrimEndingDirectorySeparator(baseFolder);
        _excludedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in excludedFolders)
        {
            _excludedFolders.Add(Path.TrimEndingDirectorySeparator(folder));
        }
        _excludedFolders.Add(Path.Combine(_base, "memory", "checkpoints"));
    }

    public string Base => _base;

    public bool IsExcludedFolder(string fullPath) => _excludedFolders.Contains(fullPath);

    public static bool IsGitEntry(string name) => name == ".git";

    public string FullPath(string relative) => relative.Length == 0 ? _base : Path.Combine(_base, relative);

    /// <summary>Collects every file under the base-relative <paramref name="folder"/> into <paramref name="files"/>.</summary>
    public void Walk(string folder, bool honourIgnoreRules, List<WalkedFile> files, List<SkippedEntry> skipped)
    {
        string full = FullPath(folder);
        if (IsExcludedFolder(full))
        {
            return;
        }
        List<IgnoreFrame> frames = honourIgnoreRules ? AncestorFrames(folder) : [];
        WalkFolder(folder, full, frames, honourIgnoreRules, files, skipped);
    }

    /// <summary>Ignore frames of the base and of every folder between it and <paramref name="folder"/> (exclusive).</summary>
    public List<IgnoreFrame> AncestorFrames(string folder)
    {
        List<IgnoreFrame> frames = [];
        string current = "";
        string[] parts = folder.Length == 0 ? [] : folder.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            if (IgnoreFrame.Load(FullPath(current), current) is { } frame)
            {
                frames.Add(frame);
            }
            current = current.Length == 0 ? parts[i] : current + "/" + parts[i];
        }
        return frames;
    }

    public static bool IsIgnored(List<IgnoreFrame> frames, string relativePath, bool isDirectory)
    {
        foreach (IgnoreFrame frame in frames)
        {
            if (frame.Ignores(relativePath, isDirectory))
            {
                return true;
            }
        }
        return false;
    }

    private void WalkFolder(string relative, string full, List<IgnoreFrame> frames, bool honourIgnoreRules,
        List<WalkedFile> files, List<SkippedEntry> skipped)
    {
        List<string> names = [];
        bool hasGitIgnore = false, hasCheckpointIgnore = false;
        try
        {
            foreach (string name in new FileSystemEnumerable<string>(full, static (ref FileSystemEntry entry) => entry.FileName.ToString(), ListOptions))
            {
                names.Add(name);
                hasGitIgnore |= name == IgnoreFrame.GitIgnore;
                hasCheckpointIgnore |= name == IgnoreFrame.CheckpointIgnore;
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            skipped.Add(new SkippedEntry(relative, "folder could not be read"));
            return;
        }
        if (honourIgnoreRules && (hasGitIgnore || hasCheckpointIgnore) &&
            IgnoreFrame.Load(full, relative, hasGitIgnore, hasCheckpointIgnore) is { } own)
        {
            frames = [.. frames, own];
        }
        // Sorted so manifests are stable and diffs of two checkpoints line up.
        names.Sort(StringComparer.Ordinal);
        List<(string Relative, string Full)>? subfolders = null;
        foreach (string name in names)
        {
            if (IsGitEntry(name))
            {
                continue;
            }
            string childRelative = relative.Length == 0 ? name : relative + "/" + name;
            string childFull = full + "/" + name;
            FileStat stat = NativeFileSystem.LStat(childFull);
            switch (stat.Kind)
            {
                case EntryKind.File:
                    if (!honourIgnoreRules || !IsIgnored(frames, childRelative, false))
                    {
                        files.Add(new WalkedFile(childRelative, childFull, stat));
                    }
                    break;
                case EntryKind.Directory:
                    if (!IsExcludedFolder(childFull) && (!honourIgnoreRules || !IsIgnored(frames, childRelative, true)))
                    {
                        (subfolders ??= []).Add((childRelative, childFull));
                    }
                    break;
                case EntryKind.SymbolicLink:
                    if (!honourIgnoreRules || !IsIgnored(frames, childRelative, false))
                    {
                        skipped.Add(new SkippedEntry(childRelative, "symbolic link (not followed)"));
                    }
                    break;
                case EntryKind.Other:
                    skipped.Add(new SkippedEntry(childRelative, "not a regular file"));
                    break;
            }
        }
        if (subfolders is null)
        {
            return;
        }
        foreach ((string childRelative, string childFull) in subfolders)
        {
            WalkFolder(childRelative, childFull, frames, honourIgnoreRules, files, skipped);
        }
    }
}
