using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// What a resume will do, decided before anything is written: which files are created, overwritten,
/// already identical, deleted (mirror) or left alone, and which cannot be written. Building it refuses
/// (with <see cref="ErrorKind.Integrity"/>) any path that would escape the target through a symbolic link.
/// </summary>
internal sealed class RestorePlan
{
    public required StoredCheckpoint Checkpoint { get; init; }
    public required Manifest Manifest { get; init; }
    /// <summary>Absolute folder restored into.</summary>
    public required string Target { get; init; }
    public required bool IntoRoot { get; init; }
    public List<ManifestFile> Create { get; } = [];
    public List<ManifestFile> Overwrite { get; } = [];
    public List<ManifestFile> Unchanged { get; } = [];
    public List<string> Delete { get; } = [];
    public long LeftAlone { get; set; }
    public List<FailedFile> Failed { get; } = [];
    /// <summary>Target-relative folders that do not exist yet, parents before children.</summary>
    public List<string> MissingFolders { get; } = [];

    public static RestorePlan Build(Workspace workspace, StoredCheckpoint checkpoint, Manifest manifest, string target, bool mirror, CancellationToken cancellationToken)
    {
        bool intoRoot = target == workspace.Root;
        RestorePlan plan = new() { Checkpoint = checkpoint, Manifest = manifest, Target = target, IntoRoot = intoRoot };
        FolderChecker folders = new(target, workspace.Layout.Root, plan);
        PhaseTrace trace = new("resume.plan");
        // Loaded while the target is walked; only a restore into the root has an index that describes it.
        Task<StatIndex?> loading = Task.Run(() => intoRoot ? StatIndex.Load(workspace.Layout.IndexFile, workspace.Root) : null, cancellationToken);

        // The walk opens each scope entry by path, so the kernel follows any link among its folders: a folder
        // replaced by a link since the save would have the mirror delete in whatever the link points at.
        if (manifest.Scope is { } walkedScope && Directory.Exists(target))
        {
            folders.RefuseEscapingWalk(walkedScope);
        }

        // One walk of the saved scope gives both the stat of every file present (one statx relative to its
        // folder, in parallel) and the files the checkpoint does not have (left alone, or deleted by mirror).
        WalkedFile[] present = manifest.Scope is { } scope && Directory.Exists(target)
            ? [.. ScopeSelection.Collect(workspace.Walker(target), scope, literalFilesBypassIgnore: false, [])]
            : [];
        if (!manifest.RecordsLinks)
        {
            // Saved before links were recorded: the links there now are nothing the checkpoint could have held, and a
            // mirror leaves them alone, as it always did.
            present = Array.FindAll(present, file => !file.IsLink);
        }
        trace.Mark("walk", present.Length);
        WalkedStats walked = new(present);

        bool[] blocked = new bool[manifest.Files.Count];
        if (!workspace.Names.AcceptsAll)
        {
            SkipNamesTheTargetCannotHold(workspace.Names, manifest, plan, blocked, walked);
        }

        // First pass, sequential: folders and symbolic links (any escape refuses the whole restore).
        FileStat[] stats = new FileStat[manifest.Files.Count];
        for (int i = 0; i < manifest.Files.Count; i++)
        {
            ManifestFile file = manifest.Files[i];
            if (blocked[i])
            {
                continue;
            }
            string? parentProblem = folders.CheckParents(file.Path);
            if (parentProblem is not null)
            {
                walked.Find(file.Path); // claimed all the same: a mirror must never delete a file the checkpoint has
                plan.Failed.Add(new FailedFile(file.Path, parentProblem));
                blocked[i] = true;
                continue;
            }
            // A file the walk did not see (ignored, behind a link, or absent) gets its own lstat.
            stats[i] = walked.Find(file.Path) is { } stat ? stat
                : folders.ParentsExist(file.Path) ? FileSystem.Current.LStat(Path.Combine(target, file.Path)) : FileStat.Missing;
        }
        trace.Mark("stat", manifest.Files.Count);
        WorkingTreeComparer comparer = new(loading.GetAwaiter().GetResult(), ContentIngest.HashFile);
        trace.Mark("index.load");

        // Second pass, parallel: same-size existing files the index cannot vouch for are hashed, links compared by target.
        // Same bytes with other permission bits than the recorded ones is a change: the file is written again.
        bool[] same = new bool[manifest.Files.Count];
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.For(manifest.Files.Count, options, i =>
        {
            ManifestFile file = manifest.Files[i];
            if (!blocked[i] && stats[i].Kind == (file.IsLink ? EntryKind.SymbolicLink : EntryKind.File))
            {
                same[i] = comparer.SameContent(file, file.Path, target, stats[i]) && WorkingTreeComparer.SameMode(file, stats[i]);
            }
        });
        trace.Mark("compare");

        for (int i = 0; i < manifest.Files.Count; i++)
        {
            ManifestFile file = manifest.Files[i];
            if (blocked[i])
            {
                continue;
            }
            switch (stats[i].Kind)
            {
                case EntryKind.Missing: plan.Create.Add(file); break;
                // A file or a link is replaced by the entry (a link itself, never followed), unless it already is the entry.
                case EntryKind.File or EntryKind.SymbolicLink: (same[i] ? plan.Unchanged : plan.Overwrite).Add(file); break;
                case EntryKind.Directory: plan.Failed.Add(new FailedFile(file.Path, "a folder of that name is in the way")); break;
                default: plan.Failed.Add(new FailedFile(file.Path, "a special file of that name is in the way")); break;
            }
        }

        if (manifest.Scope is not null && Directory.Exists(target))
        {
            List<string> extra = walked.Unclaimed();
            if (workspace.Names.IgnoreCase)
            {
                // "README.md" on disk is the saved "Readme.md" here, just overwritten: a mirror must not delete it.
                HashSet<string> saved = new(manifest.Files.Count, StringComparer.OrdinalIgnoreCase);
                foreach (ManifestFile file in manifest.Files)
                {
                    saved.Add(file.Path);
                }
                extra.RemoveAll(saved.Contains);
            }
            if (mirror)
            {
                plan.Delete.AddRange(extra);
            }
            else
            {
                plan.LeftAlone = extra.Count;
            }
        }
        trace.Mark("extra");
        return plan;
    }

    /// <summary>
    /// Marks the files this system's folders cannot hold as failed, before anything is written (see <see cref="NameRules"/>):
    /// names Windows reserves, and names that differ only in letter case from an earlier file's (the first, in
    /// manifest order, is restored) or from a folder that holds other saved files. Each stays claimed, so a mirror
    /// never deletes what is on disk under that name.
    /// </summary>
    private static void SkipNamesTheTargetCannotHold(NameRules names, Manifest manifest, RestorePlan plan, bool[] blocked, WalkedStats walked)
    {
        List<ManifestFile> files = manifest.Files;
        Dictionary<string, string>? first = names.IgnoreCase ? new(files.Count, StringComparer.OrdinalIgnoreCase) : null;
        HashSet<string>? folders = names.IgnoreCase ? new(StringComparer.OrdinalIgnoreCase) : null;
        for (int i = 0; i < files.Count; i++)
        {
            string path = files[i].Path;
            string? problem = names.Problem(path);
            if (problem is null && first is not null && !first.TryAdd(path, path))
            {
                problem = $"its name differs only in letter case from '{first[path]}', and the folders here cannot hold both";
            }
            if (problem is not null)
            {
                Skip(i, problem);
                continue;
            }
            for (int slash = path.IndexOf('/'); folders is not null && slash >= 0; slash = path.IndexOf('/', slash + 1))
            {
                folders.Add(path[..slash]);
            }
        }
        if (folders is { Count: > 0 })
        {
            for (int i = 0; i < files.Count; i++)
            {
                if (!blocked[i] && folders.TryGetValue(files[i].Path, out string? folder))
                {
                    Skip(i, $"the folder '{folder}' of other saved files has the same name (letter case aside), and the folders here cannot hold both");
                }
            }
        }

        void Skip(int i, string problem)
        {
            blocked[i] = true;
            walked.Find(files[i].Path);
            plan.Failed.Add(new FailedFile(files[i].Path, $"not restored: {problem}"));
        }
    }

    /// <summary>Checks each folder on a file's way once: missing (to create), a real folder, or a link that must stay inside the target.</summary>
    private sealed class FolderChecker(string target, string store, RestorePlan plan)
    {
        private readonly string _realTarget = FileSystem.Current.RealPath(target) ?? target;
        private readonly string? _realStore = FileSystem.Current.RealPath(store);
        private readonly Dictionary<string, FolderState> _states = new(StringComparer.Ordinal) { [""] = Directory.Exists(target) ? FolderState.Present : FolderState.Missing };
        private readonly HashSet<string> _missing = new(StringComparer.Ordinal);

        private enum FolderState { Present, Missing, NotAFolder }

        // The last file's folder and its state: a manifest lists a folder's files together, so most files
        // need neither a substring nor a lookup (a folder's state never changes once known).
        private string? _lastParent;
        private FolderState _lastState;

        /// <summary>null when the file's folders are usable; otherwise why not. Throws on a link escaping the target.</summary>
        public string? CheckParents(string path) =>
            ParentState(path) == FolderState.NotAFolder ? "a file is in the way of one of its folders" : null;

        public bool ParentsExist(string path) => ParentState(path) == FolderState.Present;

        private FolderState ParentState(string path)
        {
            int slash = path.LastIndexOf('/');
            ReadOnlySpan<char> parent = slash < 0 ? "" : path.AsSpan(0, slash);
            if (_lastParent is null || !parent.SequenceEqual(_lastParent))
            {
                _lastParent = parent.ToString();
                _lastState = State(_lastParent);
            }
            return _lastState;
        }

        private FolderState State(string folder)
        {
            if (_states.TryGetValue(folder, out FolderState known))
            {
                return known;
            }
            int slash = folder.LastIndexOf('/');
            FolderState parentState = State(slash < 0 ? "" : folder[..slash]);
            FolderState state = parentState switch
            {
                FolderState.Missing => FolderState.Missing,
                FolderState.NotAFolder => FolderState.NotAFolder,
                _ => Inspect(folder),
            };
            if (state == FolderState.Missing && _missing.Add(folder))
            {
                plan.MissingFolders.Add(folder);
            }
            _states[folder] = state;
            return state;
        }

        /// <summary>
        /// Throws when a folder the walk of <paramref name="scope"/> passes through is a link leaving the target. A scope
        /// entry's last segment (a glob's literal base included) is looked at without following it, so only the folders
        /// above it matter; a missing folder ends the check (nothing to walk there).
        /// </summary>
        public void RefuseEscapingWalk(IReadOnlyList<string> scope)
        {
            foreach (string entry in scope)
            {
                string literal = ScopeSelection.IsGlob(entry) ? ScopeSelection.LiteralBase(entry) : entry;
                for (int slash = literal.IndexOf('/'); slash > 0; slash = literal.IndexOf('/', slash + 1))
                {
                    string folder = literal[..slash];
                    FileStat stat = FileSystem.Current.LStat(Path.Combine(target, folder));
                    if (stat.Kind == EntryKind.SymbolicLink)
                    {
                        RefuseEscapingLink(folder, "walking through it (a mirror deletes what the walk finds)");
                    }
                    else if (stat.Kind != EntryKind.Directory)
                    {
                        break;
                    }
                }
            }
        }

        private FolderState Inspect(string folder)
        {
            string full = Path.Combine(target, folder);
            FileStat stat = FileSystem.Current.LStat(full);
            switch (stat.Kind)
            {
                case EntryKind.Missing:
                    return FolderState.Missing;
                case EntryKind.Directory:
                    return FolderState.Present;
                case EntryKind.SymbolicLink:
                    string real = RefuseEscapingLink(folder, "writing through it");
                    return Directory.Exists(real) ? FolderState.Present : FolderState.NotAFolder;
                default:
                    return FolderState.NotAFolder;
            }
        }

        /// <summary>The real path of the link <paramref name="folder"/>; throws when it leads outside the target or into the store.</summary>
        private string RefuseEscapingLink(string folder, string consequence)
        {
            string? real = FileSystem.Current.RealPath(Path.Combine(target, folder));
            if (real is null || !IsInside(real, _realTarget) || (_realStore is not null && IsInside(real, _realStore)))
            {
                throw new CheckpointException(ErrorKind.Integrity,
                    $"Checkpoint {plan.Checkpoint.Id} was not restored; nothing was written: '{folder}' in '{target}' is a symbolic link to " +
                    $"'{real ?? "(nowhere)"}', and {consequence} would leave the target folder.")
                {
                    Damaged = [new DamagedFile(folder, "unreadable")],
                };
            }
            return real;
        }

        private static bool IsInside(string path, string folder) =>
            path == folder || path.StartsWith(folder.EndsWith('/') ? folder : folder + "/", StringComparison.Ordinal);
    }
}
