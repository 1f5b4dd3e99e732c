using System.Diagnostics;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// Push: each selected checkpoint becomes (or already is) a commit in the private repository, then one
/// <c>git push</c> sends them to <c>refs/checkpoints/&lt;name&gt;/&lt;timestamp&gt;</c> without force. git sends only what the
/// remote lacks, a ref that exists with the same commit is "up to date", and one that exists with another commit is
/// refused by git itself (never a force): the same id with different content is reported, never overwritten.
/// </summary>
internal sealed class CheckpointPusher(Workspace workspace)
{
    // Refspecs per git push: a command line stays far below ARG_MAX with thousands of checkpoints.
    private const int RefsPerPush = 500;

    /// <param name="linkedNotes">
    /// With <c>--with-notes</c>: the episodic notes linking each checkpoint id (the engine reads the notes folder); they
    /// travel in the commit's <c>notes/</c> folder. Null: no note travels, and a commit built earlier with notes is rebuilt
    /// without them.
    /// </param>
    public TransferResult Push(string? remoteName, string? name, string? id, Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, IReadOnlyList<TravellingNote>>>? linkedNotes,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        Stopwatch clock = Stopwatch.StartNew();
        RemoteInfo remote = RemoteSettings.Load(workspace.Layout).Resolve(remoteName);
        List<StoredCheckpoint> selected = Select(name, id);
        TransferRepository repository = new(workspace.Layout);
        repository.EnsureCreated();

        List<PortableCheckpoint> portable = selected.ConvertAll(stored => PortableCheckpoint.Of(workspace, stored));
        if (linkedNotes is not null)
        {
            IReadOnlyDictionary<string, IReadOnlyList<TravellingNote>> notes = linkedNotes([.. portable.Select(p => p.Id)]);
            foreach (PortableCheckpoint checkpoint in portable)
            {
                checkpoint.Notes = notes.TryGetValue(checkpoint.Id, out IReadOnlyList<TravellingNote>? linked) ? linked : [];
            }
        }
        Dictionary<string, string> local = repository.Refs(TransferRepository.LocalPrefix);
        List<string> built = [];
        List<int> builtIndex = [];
        for (int i = 0; i < portable.Count; i++)
        {
            if (local.TryGetValue(TransferRepository.RefOf(portable[i].Name, portable[i].Timestamp), out string? commit))
            {
                built.Add(commit);
                builtIndex.Add(i);
            }
        }
        // A commit made earlier is reused only while it still carries this checkpoint's exact checkpoint.json and exactly
        // the notes this push sends (none without --with-notes: notes never travel unasked).
        HashSet<int> upToDate = [];
        string?[] blobs = repository.ManifestBlobs(built);
        string?[] noteTrees = repository.ObjectsAt(built, TravellingNote.Folder, "tree");
        for (int k = 0; k < built.Count; k++)
        {
            PortableCheckpoint checkpoint = portable[builtIndex[k]];
            if (blobs[k] == TransferRepository.BlobId(checkpoint.ManifestBytes) && noteTrees[k] == checkpoint.NotesTreeId)
            {
                upToDate.Add(builtIndex[k]);
            }
        }
        List<PortableCheckpoint> toWrite = [.. portable.Where((_, i) => !upToDate.Contains(i))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Timestamp, Comparer<string>.Create(CheckpointNames.CompareTimestamps))];
        if (toWrite.Count > 0)
        {
            List<string?> parents = Parents(repository, remote, toWrite, linkedNotes is not null, cancellationToken);
            try
            {
                repository.WriteCommits(toWrite, parents, repository.LoadBlobMap(toWrite.SelectMany(c => c.Files).Select(f => f.Hash)), progress, cancellationToken);
            }
            catch (GitFailedException e)
            {
                throw new CheckpointException(ErrorKind.Failed, $"Could not turn the checkpoints into git commits in '{repository.Path}': git said: {e.Stderr}", e);
            }
        }

        List<TransferredCheckpoint> results = [];
        for (int start = 0; start < portable.Count; start += RefsPerPush)
        {
            List<PortableCheckpoint> batch = portable.GetRange(start, Math.Min(RefsPerPush, portable.Count - start));
            results.AddRange(PushBatch(repository, remote, batch, cancellationToken));
            progress?.Report(new OperationProgress("push", Math.Min(start + RefsPerPush, portable.Count), portable.Count));
        }
        return new TransferResult(remote.Name, remote.Url, results, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The parent of each new commit: the previous new checkpoint of its name in this batch, else the newest checkpoint
    /// commit of its name that the remote has, else the newest the remote has of any name. What the remote has is
    /// asked with <c>git ls-remote</c> (nothing downloaded) and kept only where this repository holds that commit.
    /// With notes, a checkpoint the remote already has under its own ref with the very same checkpoint.json builds on
    /// that commit, so the push is a fast-forward that adds (or updates) its notes; any other content at that ref is
    /// never an ancestor, so git still refuses it as a conflict.
    /// </summary>
    private static List<string?> Parents(TransferRepository repository, RemoteInfo remote, List<PortableCheckpoint> toWrite, bool withNotes, CancellationToken cancellationToken)
    {
        (int exit, string output, string error) = repository.Git.RunAllowingFailure(
            ["ls-remote", "--refs", "--", remote.Url, TransferRepository.LocalPrefix + "*"], cancellationToken);
        if (exit != 0)
        {
            throw new CheckpointException(ErrorKind.Failed, $"Push to remote '{remote.Name}' ({remote.Url}) failed: it cannot be read; git said: {error.Trim()}");
        }
        List<(string Name, string Timestamp, string Commit)> onRemote = [];
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('\t');
            string[] parts = fields[1][TransferRepository.LocalPrefix.Length..].Split('/');
            if (parts.Length == 2 && fields[0].Length == 40)
            {
                onRemote.Add((parts[0], parts[1], fields[0]));
            }
        }
        if (onRemote.Count > 0)
        {
            HashSet<string> here = repository.ExistingObjects(onRemote.Select(r => r.Commit), "commit");
            onRemote.RemoveAll(r => !here.Contains(r.Commit));
        }
        Dictionary<string, string> sameOnRemote = new(StringComparer.Ordinal);
        if (withNotes)
        {
            HashSet<string> ids = [.. toWrite.Select(c => c.Id)];
            List<(string Name, string Timestamp, string Commit)> own = onRemote.FindAll(r => ids.Contains(CheckpointNames.Id(r.Name, r.Timestamp)));
            string?[] manifests = repository.ManifestBlobs([.. own.Select(r => r.Commit)]);
            Dictionary<string, PortableCheckpoint> byId = toWrite.ToDictionary(c => c.Id, StringComparer.Ordinal);
            for (int i = 0; i < own.Count; i++)
            {
                string ownId = CheckpointNames.Id(own[i].Name, own[i].Timestamp);
                if (manifests[i] is { } manifest && manifest == TransferRepository.BlobId(byId[ownId].ManifestBytes))
                {
                    sameOnRemote[ownId] = own[i].Commit;
                }
            }
        }
        Comparer<string> byTime = Comparer<string>.Create(CheckpointNames.CompareTimestamps);
        onRemote.Sort((a, b) => byTime.Compare(b.Timestamp, a.Timestamp)); // newest first
        List<string?> parents = new(toWrite.Count);
        for (int i = 0; i < toWrite.Count; i++)
        {
            PortableCheckpoint checkpoint = toWrite[i];
            string? parent = sameOnRemote.TryGetValue(checkpoint.Id, out string? itself) ? itself
                : i > 0 && toWrite[i - 1].Name == checkpoint.Name
                ? TransferRepository.RefOf(toWrite[i - 1].Name, toWrite[i - 1].Timestamp)
                : onRemote.FirstOrDefault(r => r.Name == checkpoint.Name).Commit ?? onRemote.FirstOrDefault().Commit;
            parents.Add(parent);
        }
        return parents;
    }

    private List<StoredCheckpoint> Select(string? name, string? id)
    {
        List<StoredCheckpoint> all = workspace.Catalog.All();
        if (id is not null)
        {
            if (!CheckpointNames.TryParseId(id, out string idName, out string timestamp))
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"Invalid checkpoint id '{id}': use <name>_<YYYYMMDD_HHMMSS> as 'checkpoint list' shows it.");
            }
            return [workspace.Catalog.Locate(new CheckpointRef(idName, Timestamp: timestamp))];
        }
        if (name is not null)
        {
            CheckpointNames.ValidateName(name);
            List<StoredCheckpoint> ofName = all.FindAll(c => c.Name == name);
            if (ofName.Count == 0)
            {
                workspace.Catalog.Locate(new CheckpointRef(name, Latest: true)); // throws NotFound listing the names
            }
            return ofName;
        }
        return all;
    }

    private static List<TransferredCheckpoint> PushBatch(TransferRepository repository, RemoteInfo remote, List<PortableCheckpoint> batch, CancellationToken cancellationToken)
    {
        List<string> arguments = ["push", "--porcelain", "--no-verify", "--", remote.Url];
        foreach (PortableCheckpoint checkpoint in batch)
        {
            string refName = TransferRepository.RefOf(checkpoint.Name, checkpoint.Timestamp);
            arguments.Add($"{refName}:{refName}");
        }
        (int exit, string stdout, string stderr) = repository.Git.RunAllowingFailure(arguments, cancellationToken);
        // Porcelain: "<flag>\t<from>:<to>\t<summary>" per ref; '=' up to date, '*' new, '!' rejected.
        Dictionary<string, (char Flag, string Summary)> status = new(StringComparer.Ordinal);
        foreach (string line in stdout.Split('\n'))
        {
            string[] fields = line.Split('\t');
            if (fields.Length >= 3 && fields[0].Length == 1 && fields[1].Contains(':'))
            {
                status[fields[1][(fields[1].IndexOf(':') + 1)..]] = (fields[0][0], fields[2]);
            }
        }
        if (exit != 0 && status.Count == 0)
        {
            throw new CheckpointException(ErrorKind.Failed, $"Push to remote '{remote.Name}' ({remote.Url}) failed; git said: {stderr.Trim()}");
        }
        // A ref the remote refused may hold the same checkpoint built on another parent (pushed from another machine):
        // fetch those and compare checkpoint.json before calling anything a conflict.
        HashSet<string> sameContent = SameContentOnRemote(repository, remote, batch, status, cancellationToken);
        List<TransferredCheckpoint> results = [];
        foreach (PortableCheckpoint checkpoint in batch)
        {
            string refName = TransferRepository.RefOf(checkpoint.Name, checkpoint.Timestamp);
            if (!status.TryGetValue(refName, out (char Flag, string Summary) state))
            {
                results.Add(new TransferredCheckpoint(checkpoint.Id, refName, "failed", $"git reported nothing for {refName}: {stderr.Trim()}"));
                continue;
            }
            results.Add(state.Flag switch
            {
                '=' => new TransferredCheckpoint(checkpoint.Id, refName, "up-to-date"),
                '!' when sameContent.Contains(refName) => new TransferredCheckpoint(checkpoint.Id, refName, "up-to-date"),
                '*' or ' ' or '+' => new TransferredCheckpoint(checkpoint.Id, refName, "pushed",
                    Notes: checkpoint.Notes.Count == 0 ? null : [.. checkpoint.Notes.Select(n => new TransferredNote(n.Name, "sent"))]),
                '!' when state.Summary.Contains("non-fast-forward", StringComparison.Ordinal) ||
                         state.Summary.Contains("already exists", StringComparison.Ordinal) ||
                         state.Summary.Contains("fetch first", StringComparison.Ordinal) =>
                    new TransferredCheckpoint(checkpoint.Id, refName, "conflict",
                        $"Remote '{remote.Name}' already has {refName} with different content; it was not overwritten (git said: {state.Summary})."),
                _ => new TransferredCheckpoint(checkpoint.Id, refName, "failed", $"Remote '{remote.Name}' refused {refName}; git said: {state.Summary} {stderr.Trim()}".Trim()),
            });
        }
        return results;
    }

    private static HashSet<string> SameContentOnRemote(TransferRepository repository, RemoteInfo remote, List<PortableCheckpoint> batch,
        Dictionary<string, (char Flag, string Summary)> status, CancellationToken cancellationToken)
    {
        HashSet<string> same = new(StringComparer.Ordinal);
        List<PortableCheckpoint> rejected = batch.FindAll(c => status.TryGetValue(TransferRepository.RefOf(c.Name, c.Timestamp), out var state) && state.Flag == '!');
        if (rejected.Count == 0)
        {
            return same;
        }
        List<string> fetch = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-auto-gc", "--", remote.Url];
        foreach (PortableCheckpoint checkpoint in rejected)
        {
            fetch.Add($"+{TransferRepository.RefOf(checkpoint.Name, checkpoint.Timestamp)}:{TransferRepository.TrackingRefOf(remote.Name, checkpoint.Name, checkpoint.Timestamp)}");
        }
        if (repository.Git.RunAllowingFailure(fetch, cancellationToken).ExitCode != 0)
        {
            return same; // cannot tell: reported as refused, with git's reason
        }
        string?[] theirs = repository.ManifestBlobs([.. rejected.Select(c => TransferRepository.TrackingRefOf(remote.Name, c.Name, c.Timestamp))]);
        for (int i = 0; i < rejected.Count; i++)
        {
            if (theirs[i] == TransferRepository.BlobId(rejected[i].ManifestBytes))
            {
                same.Add(TransferRepository.RefOf(rejected[i].Name, rejected[i].Timestamp));
            }
        }
        return same;
    }
}
