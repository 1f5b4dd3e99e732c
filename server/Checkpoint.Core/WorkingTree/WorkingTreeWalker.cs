using System.Runtime.InteropServices;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.WorkingTree;

/// <summary>A regular file or a symbolic link (<see cref="FileStat.Kind"/> says which) found in the working tree, with the one <c>lstat</c> taken of it.</summary>
internal readonly record struct WalkedFile(string RelativePath, FileStat Stat)
{
    public bool IsLink => Stat.Kind == EntryKind.SymbolicLink;
}

/// <summary>
/// Walks folders of a tree with one directory read per folder and one <c>statx</c> per regular file or link, never
/// following links (a link is an entry of its own, like a file, as in git), and yields them in ordinal order of their
/// relative paths (so no global sort is needed).
/// Always excluded: any <c>.git</c> entry, the checkpoint store, and <c>memory/checkpoints</c>. With ignore rules
/// on, <c>.gitignore</c>/<c>.checkpointignore</c> files of the folder and of its ancestors up to the base apply.
/// </summary>
internal sealed class WorkingTreeWalker
{
    private readonly string _base;
    private readonly HashSet<string> _excludedFolders;
    private readonly IgnoreFrame? _extraRules;

    /// <param name="baseFolder">Absolute folder every relative path is relative to (the root, or a restore target).</param>
    /// <param name="excludedFolders">Absolute folders never entered (the store).</param>
    /// <param name="extraRules">Base-level rules applied wherever ignore rules are (the engine's extra exclusions).</param>
    public WorkingTreeWalker(string baseFolder, IEnumerable<string> excludedFolders, IgnoreFrame? extraRules = null)
    {
        _extraRules = extraRules;
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

    public static bool IsGitEntry(ReadOnlySpan<char> name) => name.SequenceEqual(".git");

    /// <summary>Why an entry that is not a file, folder or link is not saved: <c>not a regular file (fifo)</c>.</summary>
    public static string NotRegularFile(EntryKind kind) => kind switch
    {
        EntryKind.Fifo => "not a regular file (fifo)",
        EntryKind.Socket => "not a regular file (socket)",
        EntryKind.CharacterDevice => "not a regular file (character device)",
        EntryKind.BlockDevice => "not a regular file (block device)",
        _ => "not a regular file",
    };

    /// <summary>Why a folder's files are not saved: it could not be listed (no permission, or gone).</summary>
    public const string UnreadableFolder = "folder could not be read";

    public string FullPath(string relative) => relative.Length == 0 ? _base : _base + "/" + relative;

    /// <summary>Appends every file and link under the base-relative <paramref name="folder"/> to <paramref name="files"/>, in ordinal path order.</summary>
    public void Walk(string folder, bool honourIgnoreRules, List<WalkedFile> files, List<SkippedEntry> skipped)
    {
        string full = FullPath(folder);
        if (IsExcludedFolder(full))
        {
            return;
        }
        List<IgnoreFrame> frames = honourIgnoreRules ? AncestorFrames(folder) : [];
        WalkFolder(folder, full, frames, honourIgnoreRules, files, skipped, parallel: true);
    }

    /// <summary>The extra rules, then the ignore frames of the base and of every folder between it and <paramref name="folder"/> (exclusive).</summary>
    public List<IgnoreFrame> AncestorFrames(string folder)
    {
        List<IgnoreFrame> frames = _extraRules is null ? [] : [_extraRules];
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

    public static bool IsIgnored(List<IgnoreFrame> frames, string relativePath, bool isDirectory, bool checkFolders = false)
    {
        foreach (IgnoreFrame frame in frames)
        {
            if (frame.Ignores(relativePath, isDirectory, checkFolders))
            {
                return true;
            }
        }
        return false;
    }

    private const int ParallelThreshold = 8;

    private void WalkFolder(string relative, string full, List<IgnoreFrame> frames, bool honourIgnoreRules,
        List<WalkedFile> files, List<SkippedEntry> skipped, bool parallel)
    {
        string prefix = relative.Length == 0 ? "" : relative + "/";
        List<DirectoryEntry>? listed = FileSystem.Current.List(full, prefix);
        if (listed is null)
        {
            skipped.Add(new SkippedEntry(relative, UnreadableFolder));
            return;
        }
        Span<DirectoryEntry> entries = CollectionsMarshal.AsSpan(listed);
        bool hasGitIgnore = false, hasCheckpointIgnore = false;
        for (int e = 0; e < entries.Length; e++)
        {
            ref readonly DirectoryEntry entry = ref entries[e];
            hasGitIgnore |= entry.Name.SequenceEqual(IgnoreFrame.GitIgnore);
            hasCheckpointIgnore |= entry.Name.SequenceEqual(IgnoreFrame.CheckpointIgnore);
        }
        if (honourIgnoreRules && (hasGitIgnore || hasCheckpointIgnore) &&
            IgnoreFrame.Load(full, relative, hasGitIgnore, hasCheckpointIgnore) is { } own)
        {
            frames = [.. frames, own];
        }
        bool checkIgnore = honourIgnoreRules && frames.Count > 0;
        WalkOrder.Sort(entries);
        // Subfolders are walked in parallel into their own lists when there are several (a 100k-file tree
        // has thousands), then spliced back in order; below that level each worker walks sequentially.
        List<(string Relative, string Full)> subfolders = [];
        for (int e = 0; e < entries.Length; e++)
        {
            ref readonly DirectoryEntry entry = ref entries[e];
            if (entry.Kind == EntryKind.Directory && !IsGitEntry(entry.Name) && !entry.Name.Contains('\\'))
            {
                string childRelative = entry.Path;
                string childFull = string.Concat(full, "/", entry.Name);
                if (!IsExcludedFolder(childFull) && (!checkIgnore || !IsIgnored(frames, childRelative, true)))
                {
                    subfolders.Add((childRelative, childFull));
                }
            }
        }
        (List<WalkedFile> Files, List<SkippedEntry> Skipped)[]? walked = null;
        if (parallel && subfolders.Count >= ParallelThreshold)
        {
            walked = new (List<WalkedFile>, List<SkippedEntry>)[subfolders.Count];
            FileParallelism.For(subfolders.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                List<WalkedFile> subtreeFiles = [];
                List<SkippedEntry> subtreeSkipped = [];
                WalkFolder(subfolders[i].Relative, subfolders[i].Full, frames, honourIgnoreRules, subtreeFiles, subtreeSkipped, parallel: false);
                walked[i] = (subtreeFiles, subtreeSkipped);
            });
            // Room for every subtree at once: splicing 100k entries into a list that doubles as it goes copied them ~8 times.
            int below = 0;
            foreach ((List<WalkedFile> subtreeFiles, _) in walked)
            {
                below += subtreeFiles.Count;
            }
            files.EnsureCapacity(files.Count + below + entries.Length);
        }
        int next = 0;
        for (int e = 0; e < entries.Length; e++)
        {
            ref readonly DirectoryEntry entry = ref entries[e];
            if (IsGitEntry(entry.Name))
            {
                continue;
            }
            string childRelative = entry.Path;
            if (entry.Kind == EntryKind.InvalidName)
            {
                // Before the backslash check: the described name spells the bad bytes as \xHH. An ignored one is not news.
                bool folder = entry.Stat.Kind == EntryKind.Directory;
                if (!checkIgnore || !IsIgnored(frames, childRelative, folder))
                {
                    skipped.Add(new SkippedEntry(childRelative, EntryNames.InvalidNameReason(folder)));
                }
                continue;
            }
            if (entry.Name.Contains('\\'))
            {
                // Legal on Linux, but a manifest path with a backslash is refused on restore (it is how Windows
                // paths smuggle "..\\"), so saving it would make a checkpoint that cannot be resumed.
                skipped.Add(new SkippedEntry(childRelative, "name contains a backslash"));
                continue;
            }
            switch (entry.Kind)
            {
                case EntryKind.File:
                    // A resume's staged temp (a killed one's, until the next run removes it) is never the user's file.
                    if (RestoreTemps.IsTempName(entry.Name))
                    {
                        break;
                    }
                    if (!checkIgnore || !IsIgnored(frames, childRelative, false))
                    {
                        files.Add(new WalkedFile(childRelative, entry.Stat));
                    }
                    break;
                case EntryKind.Directory:
                    if (next < subfolders.Count && subfolders[next].Relative == childRelative)
                    {
                        if (walked is not null)
                        {
                            files.AddRange(walked[next].Files);
                            skipped.AddRange(walked[next].Skipped);
                        }
                        else
                        {
                            WalkFolder(childRelative, subfolders[next].Full, frames, honourIgnoreRules, files, skipped, parallel);
                        }
                        next++;
                    }
                    break;
                case EntryKind.SymbolicLink:
                    // Never followed, even to a folder: the link itself is the entry, as a file is.
                    if (!checkIgnore || !IsIgnored(frames, childRelative, false))
                    {
                        files.Add(new WalkedFile(childRelative, entry.Stat));
                    }
                    break;
                default:
                    if (!checkIgnore || !IsIgnored(frames, childRelative, false))
                    {
                        skipped.Add(new SkippedEntry(childRelative, NotRegularFile(entry.Kind)));
                    }
                    break;
            }
        }
    }
}
