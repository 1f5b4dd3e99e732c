using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Resume: plan, then stage every file to write as a temp file beside its destination — reading each stored
/// content once and hashing it on the way, its recorded mode applied — and read every link's target, and only when all
/// of it is sound take the safety checkpoint and rename the temps into place, then create the links. A damaged checkpoint
/// therefore writes nothing; with NoVerify the intact files are restored and the damaged ones, never written, are
/// reported as failed. Links come last, each created only where its folder still resolves inside the target: no file of
/// the same restore is ever written after a link exists, so none can be written through one.
/// </summary>
internal sealed class SnapshotRestorer(Workspace workspace)
{
    private const int WholeFileLimit = 4 << 20;
    private const int ChunkSize = 1 << 20;
    // The journal of this resume's temps, held open while they exist and deleted once every temp is renamed or removed
    // (see RestoreTemps).
    private FileStream? _journal;
    private bool _tempLeftBehind;

    public ResumeResult Resume(ResumeRequest request, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        StoredCheckpoint stored = workspace.Catalog.Locate(request.Checkpoint);
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Target ?? workspace.Root, workspace.Root));
        if (IsInside(target, workspace.Layout.Root))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"Cannot restore into '{target}': it is inside the checkpoint store.");
        }
        ResumeDestinations.RefuseNonFolderTarget(target);
        string? reportPath = request.Report is null ? null : Path.GetFullPath(request.Report, workspace.Root);
        if (reportPath is not null)
        {
            ResumeDestinations.RefuseUnwritableReport(reportPath);
        }
        // Only a restore into the root writes to the store (its safety checkpoint, the stat index). Any other reads it, and a
        // reader takes no writers' lock: a read-only store (a mounted backup) restores anywhere else.
        using StoreLock? storeLock = request.DryRun || target != workspace.Root ? null : workspace.LockForWriting(cancellationToken);
        PhaseTrace trace = new("resume");
        // Restoring some paths of a big checkpoint reads only the trees on the way to them (Narrow), not its whole file list.
        Manifest manifest = request.Paths is { } paths ? Narrow(stored, paths) : CheckpointCatalog.ReadOrFail(stored);
        trace.Mark("read", manifest.Files.Count);
        ManifestPaths.ValidateAll(stored, manifest);
        RefuseStorePaths(stored, manifest, target);
        trace.Mark("validate");
        RestorePlan plan = RestorePlan.Build(workspace, stored, manifest, target, request.Mirror, cancellationToken);
        trace.Mark("plan", manifest.Files.Count);

        if (request.DryRun)
        {
            List<FailedFile> failed = [.. plan.Failed];
            foreach (ManifestFile file in Concat(plan.Create, plan.Overwrite))
            {
                if (stored.Locate(manifest, file, workspace.Objects) is not { } location || (location.IsWholeFile && !File.Exists(location.Path)))
                {
                    failed.Add(new FailedFile(file.Path, "its content is missing from the store"));
                }
            }
            ResumeResult preview = Result(plan, dryRun: true, verified: false, failed, safety: null, reportPath);
            WriteReport(reportPath, preview, request.NoVerify, []);
            return preview;
        }

        List<string> createdFolders = CreateFolders(plan);
        List<(ManifestFile File, string Temp)> staged = [];
        try
        {
            return StageAndCommit(request, plan, stored, reportPath, createdFolders, staged, progress, trace, cancellationToken);
        }
        catch (Exception) when (staged.Count > 0)
        {
            Rollback(staged, createdFolders);
            throw;
        }
        finally
        {
            ForgetJournal();
        }
    }

    private ResumeResult StageAndCommit(ResumeRequest request, RestorePlan plan, StoredCheckpoint stored, string? reportPath,
        List<string> createdFolders, List<(ManifestFile File, string Temp)> staged, IProgress<OperationProgress>? progress,
        PhaseTrace trace, CancellationToken cancellationToken)
    {
        {
            (List<(ManifestFile, string)> stagedFiles, List<DamagedFile> damaged, List<FailedFile> stagingFailures) = Stage(plan, progress, cancellationToken);
            staged.AddRange(stagedFiles);
            (List<(ManifestFile Link, string Target)> links, List<DamagedFile> damagedLinks) = ReadLinks(plan);
            if (damagedLinks.Count > 0)
            {
                damaged = [.. damaged, .. damagedLinks];
                damaged.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
            }
            trace.Mark("stage", staged.Count + links.Count);
            if (damaged.Count > 0 && !request.NoVerify)
            {
                Rollback(staged, createdFolders);
                staged.Clear();
                WriteReport(reportPath, Result(plan, false, false, [.. plan.Failed, .. AsFailed(damaged)], null, reportPath, damaged), request.NoVerify, damaged);
                throw new CheckpointException(ErrorKind.Integrity,
                    $"Checkpoint {stored.Id} is damaged and was not restored; nothing was written. Damaged: " +
                    $"{string.Join(", ", damaged.Take(10).Select(d => $"{d.Path} ({d.Problem})"))}{(damaged.Count > 10 ? $" and {damaged.Count - 10} more" : "")}. " +
                    "Run verify for details, or resume with --no-verify to restore the intact files (the damaged ones are not written).")
                {
                    Damaged = damaged,
                };
            }

            string? safety = null;
            if (plan.IntoRoot)
            {
                safety = TakeSafetyCheckpoint(plan, [.. staged.Select(s => s.File), .. links.Select(l => l.Link)], cancellationToken);
            }
            trace.Mark("safety");

            List<FailedFile> failed = [.. plan.Failed, .. AsFailed(damaged), .. stagingFailures];
            Commit(plan, staged, failed);
            CreateLinks(plan, links, failed);
            DeleteExtraFiles(plan, failed);
            trace.Mark("commit", staged.Count);
            if (plan.IntoRoot)
            {
                RememberWrittenFiles(staged);
            }
            trace.Mark("index");
            trace.Done();
            // Every written file was hashed on its way in, with or without NoVerify; "verified" also says none is missing.
            ResumeResult result = Result(plan, false, verified: failed.Count == 0 && damaged.Count == 0, failed, safety, reportPath, damaged);
            WriteReport(reportPath, result, request.NoVerify, damaged);
            return result;
        }
    }

    /// <summary>Deletes the journal once no temp is left; otherwise lets it clean up what remains (and the next run retry).</summary>
    private void ForgetJournal()
    {
        if (_journal is null)
        {
            return;
        }
        string journal = _journal.Name;
        _journal.Dispose();
        _journal = null;
        if (_tempLeftBehind)
        {
            RestoreTemps.CleanUp(journal);
        }
        else
        {
            StoreMaintenance.DeleteEntry(journal);
        }
    }

    /// <summary>
    /// The checkpoint as if it held only <paramref name="paths"/> (files, or folders meaning everything below them), its
    /// scope narrowed the same way so a mirror deletes nothing elsewhere. A path that selects nothing refuses the restore.
    /// </summary>
    private static List<ManifestFile> ReadTrees(StoredCheckpoint stored, Func<List<ManifestFile>> read)
    {
        try
        {
            return read();
        }
        catch (DamagedTreeException e)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {stored.Id} is damaged: {e.Message}", e)
            {
                Damaged = [new DamagedFile(e.Folder, e.Problem)],
            };
        }
    }

    private static Manifest Narrow(StoredCheckpoint stored, IReadOnlyList<string> paths)
    {
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored, withFiles: false);
        if (paths.Count == 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, "paths is empty: name at least one file or folder of the checkpoint, or leave paths out to restore all of it.");
        }
        List<string> wanted = [.. paths.Select(p => p.Replace('\\', '/').Trim('/'))];
        foreach (string path in wanted)
        {
            if (path.Length == 0 || ManifestPaths.Problem(path) is not null)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"'{path}' is not a root-relative path of a file or folder (no '..', not absolute).");
            }
        }
        List<ManifestFile> files;
        Func<int, List<ManifestFile>> firstFiles;
        long fileCount;
        if (!manifest.FilesInline && manifest.Tree is { } root)
        {
            // Only the folders on the way to a wanted path, and those below one, are entered: an unrelated folder's tree is never read.
            TreeStore trees = stored.TreeStoreOrDefault;
            files = ReadTrees(stored, () => CheckpointTrees.ListFiles(trees, root, stored.ManifestPath,
                folder => wanted.Any(w => (w + "/").StartsWith(folder, StringComparison.Ordinal) || folder.StartsWith(w + "/", StringComparison.Ordinal)),
                path => wanted.Any(w => PathSelection.Selects(w, path))));
            firstFiles = limit => ReadTrees(stored, () => CheckpointTrees.ListFiles(trees, root, stored.ManifestPath, _ => true, _ => true, limit));
            fileCount = manifest.TotalFiles;
        }
        else
        {
            manifest = CheckpointCatalog.ReadOrFail(stored);
            List<ManifestFile> all = manifest.Files;
            files = [.. all.Where(f => wanted.Any(w => PathSelection.Selects(w, f.Path)))];
            firstFiles = limit => [.. all.Take(limit)];
            fileCount = all.Count;
        }
        List<string> selectingNothing = [.. wanted.Where(w => !files.Any(f => PathSelection.Selects(w, f.Path)))];
        if (selectingNothing.Count > 0)
        {
            List<ManifestFile> some = firstFiles(50);
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"Checkpoint {stored.Id} has no file at or below: {string.Join(", ", selectingNothing)}. It has {fileCount} file(s), e.g. " +
                string.Join(", ", some.Take(5).Select(f => f.Path)) + ".")
            {
                Available = [.. some.Select(f => f.Path)],
            };
        }
        (long totalFiles, long totalWords, long totalSize) = Manifest.ComputeMetrics(files);
        return new Manifest
        {
            Name = manifest.Name,
            Timestamp = manifest.Timestamp,
            Stage = manifest.Stage,
            Notes = manifest.Notes,
            Metadata = manifest.Metadata,
            Files = files,
            FormatVersion = manifest.FormatVersion,
            Root = manifest.Root,
            Scope = manifest.Scope is null ? null : wanted,
            Skipped = manifest.Skipped,
            TotalFiles = totalFiles,
            TotalWords = totalWords,
            TotalSize = totalSize,
        };
    }

    // The store is never saved, so no genuine checkpoint has such a path; a forged one could aim at the objects.
    private void RefuseStorePaths(StoredCheckpoint stored, Manifest manifest, string target)
    {
        // Paths are relative without ".." (validated), so target/path stays below the target: only a store
        // inside the target can be hit, and the per-file check is needed only then.
        string store = workspace.Layout.Root;
        if (store != target && !store.StartsWith(target.EndsWith('/') ? target : target + "/", StringComparison.Ordinal))
        {
            return;
        }
        foreach (ManifestFile file in manifest.Files)
        {
            if (IsInside(Path.Combine(target, file.Path), workspace.Layout.Root))
            {
                throw new CheckpointException(ErrorKind.Integrity,
                    $"Checkpoint {stored.Id} was not restored; nothing was written: '{file.Path}' would be written into the checkpoint store.")
                {
                    Damaged = [new DamagedFile(file.Path, "unreadable")],
                };
            }
        }
    }

    private (List<(ManifestFile, string)> Staged, List<DamagedFile> Damaged, List<FailedFile> Failed) Stage(
        RestorePlan plan, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        List<ManifestFile> toWrite = [.. plan.Create.Where(f => !f.IsLink), .. plan.Overwrite.Where(f => !f.IsLink)];
        HashSet<string> overwriting = new(StringComparer.Ordinal);
        foreach (ManifestFile file in plan.Overwrite)
        {
            overwriting.Add(file.Path);
        }
        // Every file is staged under a temp name, a new one too: a kill leaves no half-written file under a real
        // name, and the journal, written before the first temp exists, lets the next run remove the temps.
        string[] planned = new string[toWrite.Count];
        for (int i = 0; i < toWrite.Count; i++)
        {
            planned[i] = RestoreTemps.TempBeside(Path.Combine(plan.Target, toWrite[i].Path));
        }
        if (toWrite.Count > 0)
        {
            try
            {
                _journal = RestoreTemps.WriteJournal(workspace.Layout, planned);
            }
            catch (Exception e) when (!plan.IntoRoot && e is IOException or UnauthorizedAccessException)
            {
                // A store this restore only reads may be read-only: without the journal, only a kill mid-restore would
                // leave temps (named as ours, never saved nor shown by diff) for the user to remove.
            }
        }
        string?[] temps = new string?[toWrite.Count];
        ConcurrentBag<DamagedFile> damaged = [];
        ConcurrentBag<FailedFile> failed = [];
        long done = 0;
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.For(toWrite.Count, options, i =>
        {
            ManifestFile file = toWrite[i];
            ContentLocation? source = plan.Checkpoint.Locate(plan.Manifest, file, workspace.Objects);
            string destination = Path.Combine(plan.Target, file.Path);
            bool replacing = overwriting.Contains(file.Path);
            string temp = planned[i];
            bool created = false;
            try
            {
                string? problem = CopyVerified(source, temp, file, out created);
                if (problem is not null)
                {
                    if (created)
                    {
                        TryDelete(temp);
                    }
                    damaged.Add(new DamagedFile(file.Path, problem));
                    return;
                }
                if (replacing && file.Mode == FileModes.NotRecorded)
                {
                    KeepPermissions(destination, temp);
                }
                temps[i] = temp;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only ever delete what this restore created: a file that appeared meanwhile is someone's work.
                if (created)
                {
                    TryDelete(temp);
                }
                failed.Add(new FailedFile(file.Path, e.Message));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored content that defeats a reader in a way no check foresaw is still damage: reported, never
                // written, and it must not end the loop with the other workers' temps left behind.
                if (created)
                {
                    TryDelete(temp);
                }
                damaged.Add(new DamagedFile(file.Path, "unreadable"));
            }
            long now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 255) == 0)
            {
                progress.Report(new OperationProgress("restore", now, toWrite.Count));
            }
        });
        List<(ManifestFile, string)> staged = [];
        for (int i = 0; i < toWrite.Count; i++)
        {
            if (temps[i] is { } temp)
            {
                staged.Add((toWrite[i], temp));
            }
        }
        List<DamagedFile> damagedList = [.. damaged];
        damagedList.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        List<FailedFile> failedList = [.. failed];
        failedList.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (staged, damagedList, failedList);
    }

    /// <summary>Copies stored content to <paramref name="temp"/>, decoding and hashing it on the way; returns the damage found, if any (the caller deletes the temp then).</summary>
    private static string? CopyVerified(ContentLocation? source, string temp, ManifestFile file, out bool created)
    {
        created = false;
        if (source is not { } location)
        {
            return "missing";
        }
        Stream input;
        long length;
        try
        {
            input = StoredContent.Open(location, out length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (InvalidDataException)
        {
            return "mismatch";
        }
        using (input)
        {
            using SafeFileHandle output = FileSystem.Current.CreateNew(temp);
            created = true;
            bool whole = length is >= 0 and <= WholeFileLimit;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(whole ? (int)length + 1 : ChunkSize);
            try
            {
                string? actual;
                if (whole)
                {
                    // One byte of slack: content longer than recorded reads as a mismatch, not as a cut copy.
                    int read = StoredContent.ReadFully(input, buffer.AsSpan(0, (int)length + 1));
                    ReadOnlySpan<byte> content = buffer.AsSpan(0, read);
                    actual = ContentIngest.HashHex(content);
                    if (actual == file.Hash)
                    {
                        RandomAccess.Write(output, content, 0);
                    }
                }
                else
                {
                    using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    long offset = 0;
                    int read;
                    while ((read = StoredContent.ReadFully(input, buffer.AsSpan(0, ChunkSize))) > 0)
                    {
                        ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
                        sha.AppendData(chunk);
                        RandomAccess.Write(output, chunk, offset);
                        offset += read;
                    }
                    actual = Convert.ToHexStringLower(sha.GetHashAndReset());
                }
                if (actual != file.Hash)
                {
                    return "mismatch";
                }
            }
            catch (InvalidDataException)
            {
                return "mismatch";
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (file.Mode != FileModes.NotRecorded && !OperatingSystem.IsWindows())
            {
                // Exactly the recorded permission bits (never setuid, setgid or sticky), whatever the umask.
                File.SetUnixFileMode(output, FileModes.Permissions(file.Mode));
            }
            if (CheckpointNames.ParseIsoLocal(file.Modified) is { } modified)
            {
                File.SetLastWriteTime(output, modified);
            }
        }
        return null;
    }

    /// <summary>The target of every link to create or replace, read from the store and checked against its hash (nothing is written).</summary>
    private (List<(ManifestFile Link, string Target)> Links, List<DamagedFile> Damaged) ReadLinks(RestorePlan plan)
    {
        List<(ManifestFile, string)> links = [];
        List<DamagedFile> damaged = [];
        foreach (ManifestFile link in Concat(plan.Create, plan.Overwrite))
        {
            if (!link.IsLink)
            {
                continue;
            }
            string? problem = ReadLinkTarget(plan.Checkpoint.Locate(plan.Manifest, link, workspace.Objects), link, out string? target);
            if (problem is not null)
            {
                damaged.Add(new DamagedFile(link.Path, problem));
            }
            else
            {
                links.Add((link, target!));
            }
        }
        return (links, damaged);
    }

    /// <summary>A link's stored target, hashed: null and the target, or the damage ("missing", "mismatch", or "unreadable": not a target).</summary>
    private static string? ReadLinkTarget(ContentLocation? source, ManifestFile link, out string? target)
    {
        target = null;
        if (source is not { } location)
        {
            return "missing";
        }
        // A target is at most PATH_MAX (4096) bytes: anything longer cannot be one and is not read whole.
        const int MaximumTarget = 1 << 16;
        try
        {
            using Stream input = StoredContent.Open(location, out _);
            byte[] buffer = new byte[MaximumTarget + 1];
            int read = StoredContent.ReadFully(input, buffer);
            if (read != link.Size || ContentIngest.HashHex(buffer.AsSpan(0, read)) != link.Hash)
            {
                return "mismatch";
            }
            target = LinkTargets.Decode(buffer.AsSpan(0, read));
            return target is null ? "unreadable" : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (InvalidDataException)
        {
            return "mismatch";
        }
        catch (Exception e) when (e is not (OperationCanceledException or IOException or UnauthorizedAccessException))
        {
            return "unreadable"; // stored content that defeats the reader in a way no check foresaw is damage, as for files
        }
    }

    private static void KeepPermissions(string existing, string temp)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(existing));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The default mode is a fine fallback; the content is what matters.
        }
    }

    /// <summary>
    /// Saves what is about to be replaced: the staged overwrites and links (a damaged one is not replaced) and the mirror
    /// deletions. A file or link there is saved as it is (a link as a link), so resuming this checkpoint puts it back.
    /// </summary>
    private string? TakeSafetyCheckpoint(RestorePlan plan, List<ManifestFile> toWrite, CancellationToken cancellationToken)
    {
        HashSet<string> overwriting = new(StringComparer.Ordinal);
        foreach (ManifestFile file in plan.Overwrite)
        {
            overwriting.Add(file.Path);
        }
        List<string> atRisk = [];
        foreach (ManifestFile file in toWrite)
        {
            if (overwriting.Contains(file.Path))
            {
                atRisk.Add(file.Path);
            }
        }
        atRisk.AddRange(plan.Delete);
        if (atRisk.Count == 0)
        {
            return null;
        }
        SaveSpec spec = new(SafetyName(plan.Checkpoint.Name), SafetyStage,
            $"Automatic safety checkpoint taken before restoring {plan.Checkpoint.Id}: every file the restore overwrote or deleted.",
            new System.Text.Json.Nodes.JsonObject { ["restoring"] = plan.Checkpoint.Id },
            atRisk);
        return new SnapshotSaver(workspace).SaveLocked(spec, null, cancellationToken).Checkpoint.Id;
    }

    /// <summary>The stage of every automatic safety checkpoint.</summary>
    public const string SafetyStage = "safety";

    /// <summary><c>&lt;name&gt;-pre-restore</c>, shortened to stay within the 50-character name rule.</summary>
    public static string SafetyName(string name)
    {
        const string Suffix = "-pre-restore";
        return (name.Length + Suffix.Length <= 50 ? name : name[..(50 - Suffix.Length)]) + Suffix;
    }

    private void Commit(RestorePlan plan, List<(ManifestFile File, string Temp)> staged, List<FailedFile> failed)
    {
        HashSet<string> overwriting = new(StringComparer.Ordinal);
        foreach (ManifestFile file in plan.Overwrite)
        {
            overwriting.Add(file.Path);
        }
        foreach ((ManifestFile file, string temp) in staged)
        {
            string destination = Path.Combine(Path.GetDirectoryName(temp)!, Path.GetFileName(file.Path));
            try
            {
                // A new file never replaces one that appeared since the plan: that is someone's work.
                File.Move(temp, destination, overwrite: overwriting.Contains(file.Path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDelete(temp);
                failed.Add(new FailedFile(file.Path, e.Message));
            }
        }
    }

    /// <summary>
    /// Creates the links, after every file is in place. Each one's folder must still resolve inside the target (the plan
    /// checked it; this is the moment it matters), and what is at its path must be what the plan saw: nothing for a new
    /// link, a file or link for a replaced one (saved in the safety checkpoint, then removed — the link itself, never
    /// what it points at). Replacing is remove-then-create: a kill in between leaves the path empty, never half a file.
    /// </summary>
    private static void CreateLinks(RestorePlan plan, List<(ManifestFile Link, string Target)> links, List<FailedFile> failed)
    {
        if (links.Count == 0)
        {
            return;
        }
        HashSet<string> overwriting = new(StringComparer.Ordinal);
        foreach (ManifestFile file in plan.Overwrite)
        {
            overwriting.Add(file.Path);
        }
        string realTarget = FileSystem.Current.RealPath(plan.Target) ?? plan.Target;
        foreach ((ManifestFile link, string target) in links)
        {
            string full = Path.Combine(plan.Target, link.Path);
            string? realFolder = FileSystem.Current.RealPath(Path.GetDirectoryName(full)!);
            if (realFolder is null || !IsInside(realFolder, realTarget))
            {
                failed.Add(new FailedFile(link.Path, "not restored: its folder now leads outside the target through a symbolic link"));
                continue;
            }
            try
            {
                EntryKind there = FileSystem.Current.LStat(full).Kind;
                if (there != EntryKind.Missing)
                {
                    if (!overwriting.Contains(link.Path) || there is not (EntryKind.File or EntryKind.SymbolicLink))
                    {
                        failed.Add(new FailedFile(link.Path, there == EntryKind.Directory
                            ? "not restored: a folder of that name is in the way"
                            : "not restored: something appeared at its path since the restore was planned"));
                        continue;
                    }
                    File.Delete(full);
                }
                File.CreateSymbolicLink(full, target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add(new FailedFile(link.Path, e.Message));
            }
        }
    }

    /// <summary>
    /// The mirror's deletions. The plan checked the walked folders, but the tree may have changed since (a folder
    /// swapped for a link while the safety checkpoint was taken): each file's folder must still resolve inside
    /// the target when it is deleted, or the file is left and reported.
    /// </summary>
    private static void DeleteExtraFiles(RestorePlan plan, List<FailedFile> failed)
    {
        string realTarget = FileSystem.Current.RealPath(plan.Target) ?? plan.Target;
        Dictionary<string, bool> folderInside = new(StringComparer.Ordinal);
        foreach (string path in plan.Delete)
        {
            string full = Path.Combine(plan.Target, path);
            string folder = Path.GetDirectoryName(full)!;
            if (!folderInside.TryGetValue(folder, out bool inside))
            {
                string? real = FileSystem.Current.RealPath(folder);
                folderInside[folder] = inside = real is not null && IsInside(real, realTarget);
            }
            if (!inside)
            {
                failed.Add(new FailedFile(path, "not deleted: its folder now leads outside the target through a symbolic link"));
                continue;
            }
            try
            {
                File.Delete(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add(new FailedFile(path, $"could not delete: {e.Message}"));
            }
        }
    }

    private void RememberWrittenFiles(List<(ManifestFile File, string Temp)> staged)
    {
        StatIndex index = StatIndex.Load(workspace.Layout.IndexFile, workspace.Root);
        long recorded = StatIndex.NowNs();
        foreach ((ManifestFile file, _) in staged)
        {
            FileStat stat = FileSystem.Current.LStat(Path.Combine(workspace.Root, file.Path));
            if (stat.IsFile && stat.Size == file.Size)
            {
                index.Set(file.Path, new IndexEntry(stat.Size, stat.MTimeNs, stat.CTimeNs, stat.Inode, file.Hash, file.WordCount, recorded));
            }
        }
        if (index.Changed)
        {
            index.Save(workspace.Layout.IndexFile, workspace.Layout.Temp);
        }
    }

    private static List<string> CreateFolders(RestorePlan plan)
    {
        List<string> created = [];
        if (!Directory.Exists(plan.Target))
        {
            Directory.CreateDirectory(plan.Target);
            created.Add(plan.Target);
        }
        foreach (string folder in plan.MissingFolders)
        {
            string full = Path.Combine(plan.Target, folder);
            if (!Directory.Exists(full))
            {
                Directory.CreateDirectory(full);
                created.Add(full);
            }
        }
        return created;
    }

    private void Rollback(List<(ManifestFile File, string Temp)> staged, List<string> createdFolders)
    {
        foreach ((_, string temp) in staged)
        {
            TryDelete(temp);
        }
        for (int i = createdFolders.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(createdFolders[i]);
            }
            catch (IOException)
            {
                // Not empty: something else lives there now; leave it.
            }
        }
    }

    private void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _tempLeftBehind = true; // the journal stays, and the next run tries again
        }
    }

    private static List<FailedFile> AsFailed(List<DamagedFile> damaged) =>
        damaged.ConvertAll(d => new FailedFile(d.Path, d.Problem == "missing"
            ? "not restored: its content is missing from the store"
            : "not restored: its stored content does not match its SHA-256"));

    private static ResumeResult Result(RestorePlan plan, bool dryRun, bool verified, List<FailedFile> failed, string? safety, string? report,
        List<DamagedFile>? damaged = null) => new()
    {
        Id = plan.Checkpoint.Id,
        Target = plan.Target,
        DryRun = dryRun,
        Created = Paths(plan.Create, failed),
        Overwritten = Paths(plan.Overwrite, failed),
        Deleted = plan.Delete.FindAll(p => !failed.Exists(f => f.Path == p)),
        Unchanged = Paths(plan.Unchanged, []),
        LeftAlone = plan.LeftAlone,
        Verified = verified,
        Failed = failed,
        Damaged = damaged ?? [],
        SafetyCheckpoint = safety,
        Report = report,
    };

    private static List<string> Paths(List<ManifestFile> files, List<FailedFile> failed)
    {
        HashSet<string> failedPaths = new(StringComparer.Ordinal);
        foreach (FailedFile f in failed)
        {
            failedPaths.Add(f.Path);
        }
        List<string> paths = new(files.Count);
        foreach (ManifestFile file in files)
        {
            if (!failedPaths.Contains(file.Path))
            {
                paths.Add(file.Path);
            }
        }
        return paths;
    }

    private static IEnumerable<ManifestFile> Concat(List<ManifestFile> a, List<ManifestFile> b)
    {
        foreach (ManifestFile file in a) { yield return file; }
        foreach (ManifestFile file in b) { yield return file; }
    }

    private static void WriteReport(string? path, ResumeResult result, bool noVerify, List<DamagedFile> damaged)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            string? folder = Path.GetDirectoryName(path);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            File.WriteAllText(path, RestoreReport.Render(result, noVerify, damaged));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(ErrorKind.Failed, $"Cannot write the report '{path}': {e.Message}", e);
        }
    }

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
