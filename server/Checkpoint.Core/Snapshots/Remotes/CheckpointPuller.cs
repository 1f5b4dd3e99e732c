using System.Diagnostics;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// Pull: <c>git fetch</c> the remote's <c>refs/checkpoints/*</c> into the private repository's tracking namespace
/// (never into the store directly), then for every fetched checkpoint the store lacks, check its tree (only regular
/// files, only the seed layout), hash every file against its checkpoint.json and import it through
/// <see cref="CheckpointImport"/>: the checkpoint appears only once all of it is verified and durable. One that
/// cannot be fetched or fails verification is refused and named; the others still arrive.
/// </summary>
internal sealed class CheckpointPuller(Workspace workspace)
{
    /// <param name="notesFolder">The workspace's episodic notes folder (absolute): where notes that travel in a commit are written.</param>
    public TransferResult Pull(string? remoteName, string? name, string? id, string notesFolder, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        Stopwatch clock = Stopwatch.StartNew();
        RemoteInfo remote = RemoteSettings.Load(workspace.Layout).Resolve(remoteName);
        string pattern = Pattern(name, id);
        TransferRepository repository = new(workspace.Layout);
        repository.EnsureCreated();
        List<TransferredCheckpoint> results = [];
        Fetch(repository, remote, pattern, results, cancellationToken);

        string trackingPrefix = TransferRepository.TrackingPrefix + remote.Name + "/";
        Dictionary<string, string> tracked = repository.Refs(trackingPrefix);
        HashSet<string> failedIds = [.. results.Select(r => r.Id)];
        List<(string Id, string Name, string Timestamp, string Commit)> candidates = [];
        foreach ((string refName, string commit) in tracked.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            string[] parts = refName[trackingPrefix.Length..].Split('/');
            if (parts.Length != 2 || !CheckpointNames.IsValidName(parts[0]) || !Matches(parts[0], parts[1], name, id))
            {
                continue;
            }
            string checkpointId = CheckpointNames.Id(parts[0], parts[1]);
            if (!failedIds.Contains(checkpointId))
            {
                candidates.Add((checkpointId, parts[0], parts[1], commit));
            }
        }

        Dictionary<string, StoredCheckpoint> present = workspace.Catalog.All().ToDictionary(c => c.Id, StringComparer.Ordinal);
        long done = 0;
        foreach ((string checkpointId, string checkpointName, string timestamp, string commit) in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string remoteRef = TransferRepository.RefOf(checkpointName, timestamp);
            string source = $"remote '{remote.Name}' ({remoteRef})";
            try
            {
                CheckpointNames.ValidateTimestamp(timestamp);
                if (present.TryGetValue(checkpointId, out StoredCheckpoint? existing))
                {
                    TransferredCheckpoint compared = Compare(repository, remote, existing, commit, remoteRef);
                    if (compared.Outcome == "present" && PresentNotes(repository, checkpointId, commit, source) is { Count: > 0 } notes)
                    {
                        compared = compared with { Notes = TravellingNotes.Write(repository, checkpointId, notes, notesFolder, cancellationToken) };
                    }
                    results.Add(compared);
                }
                else
                {
                    Dictionary<string, string> notes = Import(repository, checkpointId, commit, source, progress, cancellationToken);
                    repository.Git.Run(["update-ref", remoteRef, commit], cancellationToken);
                    results.Add(new TransferredCheckpoint(checkpointId, remoteRef, "pulled",
                        Notes: notes.Count == 0 ? null : TravellingNotes.Write(repository, checkpointId, notes, notesFolder, cancellationToken)));
                }
            }
            catch (CheckpointException e) when (e.Kind is ErrorKind.Integrity or ErrorKind.InvalidArgument)
            {
                results.Add(new TransferredCheckpoint(checkpointId, remoteRef, "damaged", e.Message, e.Damaged));
            }
            catch (GitFailedException e)
            {
                results.Add(new TransferredCheckpoint(checkpointId, remoteRef, "damaged", $"Checkpoint {checkpointId} from {source} could not be read; git said: {e.Stderr}"));
            }
            progress?.Report(new OperationProgress("import", ++done, candidates.Count));
        }
        results.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new TransferResult(remote.Name, remote.Url, results, clock.ElapsedMilliseconds);
    }

    private static string Pattern(string? name, string? id)
    {
        if (id is not null)
        {
            if (!CheckpointNames.TryParseId(id, out string idName, out string timestamp))
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"Invalid checkpoint id '{id}': use <name>_<YYYYMMDD_HHMMSS>.");
            }
            CheckpointNames.ValidateTimestamp(timestamp);
            return $"{idName}/{timestamp}";
        }
        if (name is not null)
        {
            CheckpointNames.ValidateName(name);
            return $"{name}/*";
        }
        return "*";
    }

    private static bool Matches(string checkpointName, string timestamp, string? name, string? id) =>
        id is not null ? CheckpointNames.Id(checkpointName, timestamp) == id : name is null || checkpointName == name;

    /// <summary>
    /// One fetch for everything; when git refuses it (a damaged object on the remote spoils the whole pack), each
    /// checkpoint is fetched on its own so the damaged one is named and the rest still arrive.
    /// </summary>
    private static void Fetch(TransferRepository repository, RemoteInfo remote, string pattern, List<TransferredCheckpoint> failures, CancellationToken cancellationToken)
    {
        string tracking = TransferRepository.TrackingPrefix + remote.Name + "/";
        List<string> fetch = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--prune", "--no-auto-gc", "--", remote.Url,
            $"+{TransferRepository.LocalPrefix}{pattern}:{tracking}{pattern}"];
        (int exit, _, string stderr) = repository.Git.RunAllowingFailure(fetch, cancellationToken);
        if (exit == 0)
        {
            return;
        }
        (int listed, string refs, string listError) = repository.Git.RunAllowingFailure(["ls-remote", "--refs", "--", remote.Url, TransferRepository.LocalPrefix + pattern], cancellationToken);
        if (listed != 0)
        {
            throw new CheckpointException(ErrorKind.Failed, $"Pull from remote '{remote.Name}' ({remote.Url}) failed; git said: {FirstNonEmpty(stderr, listError)}");
        }
        foreach (string line in refs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string refName = line[(line.IndexOf('\t') + 1)..];
            string relative = refName[TransferRepository.LocalPrefix.Length..];
            (int one, _, string oneError) = repository.Git.RunAllowingFailure(
                ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-auto-gc", "--", remote.Url, $"+{refName}:{tracking}{relative}"], cancellationToken);
            if (one != 0)
            {
                string[] parts = relative.Split('/');
                string checkpointId = parts.Length == 2 ? CheckpointNames.Id(parts[0], parts[1]) : relative;
                failures.Add(new TransferredCheckpoint(checkpointId, refName, "damaged",
                    $"Checkpoint {checkpointId} could not be fetched from remote '{remote.Name}' ({refName}); git said: {oneError.Trim()}"));
            }
        }
    }

    private static string FirstNonEmpty(string a, string b) => (a.Trim().Length > 0 ? a : b).Trim();

    /// <summary>Same id on both sides: the same checkpoint.json (every path, size and SHA-256) is the same checkpoint; anything else is a conflict.</summary>
    private TransferredCheckpoint Compare(TransferRepository repository, RemoteInfo remote, StoredCheckpoint existing, string commit, string remoteRef)
    {
        PortableCheckpoint local = PortableCheckpoint.Of(workspace, existing);
        string? remoteManifest = repository.ManifestBlobs([commit])[0];
        if (remoteManifest == TransferRepository.BlobId(local.ManifestBytes))
        {
            return new TransferredCheckpoint(existing.Id, remoteRef, "present");
        }
        return new TransferredCheckpoint(existing.Id, remoteRef, "conflict",
            $"Checkpoint {existing.Id} exists in this store and on remote '{remote.Name}' ({remoteRef}) with different content; the local one was kept and nothing was overwritten.");
    }

    /// <summary>
    /// The notes in the commit of a checkpoint this store already has (day name → blob id), checked as an import checks
    /// them: the <c>notes/</c> tree may hold only regular files named <c>YYYY-MM-DD.md</c>. One batch lookup when the
    /// commit has no notes, so a pull of many present checkpoints does not list their trees.
    /// </summary>
    private static Dictionary<string, string> PresentNotes(TransferRepository repository, string id, string commit, string source)
    {
        Dictionary<string, string> notes = new(StringComparer.Ordinal);
        if (repository.ObjectsAt([commit], TravellingNote.Folder, "tree")[0] is not { } tree)
        {
            if (repository.ObjectsAt([commit], TravellingNote.Folder, "blob")[0] is not null)
            {
                throw CheckpointImport.Refused(id, source, $"'{TravellingNote.Folder}' is not a folder of day notes", TravellingNote.Folder);
            }
            return notes;
        }
        foreach ((string mode, string type, string objectId, string path) in repository.Tree(tree))
        {
            AddNote(notes, id, source, mode, type, objectId, TravellingNote.PathOf(path));
        }
        return notes;
    }

    /// <summary>A <c>notes/…</c> entry of a commit's tree: a regular file named <c>notes/YYYY-MM-DD.md</c>, anything else refuses the checkpoint.</summary>
    private static void AddNote(Dictionary<string, string> notes, string id, string source, string mode, string type, string objectId, string path)
    {
        string name = path[(TravellingNote.Folder.Length + 1)..];
        if (type != "blob" || mode is not ("100644" or "100755"))
        {
            throw CheckpointImport.Refused(id, source, $"'{path}' is not a regular file (mode {mode})", path);
        }
        if (!TravellingNote.IsDayFileName(name))
        {
            throw CheckpointImport.Refused(id, source, $"'{path}' is not a day note (only {TravellingNote.Folder}/YYYY-MM-DD.md travels with a checkpoint)", path);
        }
        notes[name] = objectId;
    }

    /// <summary>Verifies and imports one fetched checkpoint; returns the notes its commit carries (day name → blob id), written by the caller after.</summary>
    private Dictionary<string, string> Import(TransferRepository repository, string id, string commit, string source, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        // The tree first: only regular files, only checkpoint.json, the summary, files/… and notes/YYYY-MM-DD.md; a link
        // or a submodule never reaches the store, a note path never leaves the notes folder.
        string? manifestBlob = null;
        Dictionary<string, string> fileBlobs = new(StringComparer.Ordinal);
        Dictionary<string, string> notes = new(StringComparer.Ordinal);
        foreach ((string mode, string type, string objectId, string path) in repository.Tree(commit))
        {
            if (type != "blob" || mode is not ("100644" or "100755"))
            {
                throw CheckpointImport.Refused(id, source, $"'{path}' is not a regular file (mode {mode})", path);
            }
            if (path == StoreLayout.ManifestFileName)
            {
                manifestBlob = objectId;
            }
            else if (CheckpointImport.FilePathOf(path) is { } filePath)
            {
                fileBlobs[filePath] = objectId;
            }
            else if (path.StartsWith(TravellingNote.Folder + "/", StringComparison.Ordinal))
            {
                AddNote(notes, id, source, mode, type, objectId, path);
            }
            else if (path != StoreLayout.SummaryFileName)
            {
                throw CheckpointImport.Refused(id, source, $"'{path}' is not part of the seed layout (checkpoint.json, CHECKPOINT_SUMMARY.md, files/)", path);
            }
        }
        if (manifestBlob is null)
        {
            throw CheckpointImport.Refused(id, source, "it has no checkpoint.json", StoreLayout.ManifestFileName);
        }
        byte[] manifestBytes;
        using (GitBlobReader reader = new(repository.Git, [manifestBlob], cancellationToken))
        using (Stream content = reader.Next(out long size) ?? throw CheckpointImport.Refused(id, source, "its checkpoint.json is missing from the repository", StoreLayout.ManifestFileName))
        {
            if (size > 1L << 31)
            {
                throw CheckpointImport.Refused(id, source, "its checkpoint.json is impossibly large", StoreLayout.ManifestFileName);
            }
            manifestBytes = new byte[size];
            content.ReadExactly(manifestBytes);
        }
        Manifest manifest = CheckpointImport.ReadManifest(manifestBytes, id, source);
        foreach (ManifestFile file in manifest.Files)
        {
            if (!fileBlobs.ContainsKey(file.Path))
            {
                throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {id} from {source} was refused: 'files/{file.Path}' is missing; nothing of it was imported.")
                {
                    Damaged = [new DamagedFile(file.Path, "missing")],
                };
            }
        }
        HashSet<string> listed = [.. manifest.Files.Select(f => f.Path)];
        foreach (string path in fileBlobs.Keys)
        {
            if (!listed.Contains(path))
            {
                throw CheckpointImport.Refused(id, source, $"'files/{path}' is not listed in its checkpoint.json", path);
            }
        }

        using StoreLock storeLock = workspace.LockForWriting(cancellationToken);
        if (Directory.Exists(workspace.Layout.CheckpointFolder(id)))
        {
            throw new CheckpointException(ErrorKind.Failed, $"Checkpoint {id} appeared in the store while it was being pulled; run pull again to compare.");
        }
        using CheckpointImport import = new(workspace, id, manifest);
        List<string> ids = manifest.Files.ConvertAll(f => fileBlobs[f.Path]);
        using GitBlobReader blobs = new(repository.Git, ids, cancellationToken);
        long done = 0;
        foreach (ManifestFile file in manifest.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using Stream content = blobs.Next(out _) ?? throw new CheckpointException(ErrorKind.Integrity,
                $"Checkpoint {id} from {source} was refused: the content of 'files/{file.Path}' is missing from what was fetched; nothing of it was imported.")
            {
                Damaged = [new DamagedFile(file.Path, "missing")],
            };
            import.Accept(file.Path, content, source);
            if ((++done & 255) == 0)
            {
                progress?.Report(new OperationProgress("verify", done, manifest.Files.Count));
            }
        }
        import.Publish(source);
        return notes;
    }
}
