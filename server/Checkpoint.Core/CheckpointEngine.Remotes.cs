using Checkpoint.Core.Notes.Journal;
using Checkpoint.Core.Snapshots;
using Checkpoint.Core.Snapshots.Remotes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core;

// Beyond one machine: remotes (any git remote), push, pull, and portable bundles. See Snapshots/Remotes.
public sealed partial class CheckpointEngine
{
    /// <summary>The store's remotes, by name.</summary>
    public RemoteListResult ListRemotes() => Guard(() => new RemoteListResult(RemoteSettings.Load(OpenWorkspace().Layout).All()));

    /// <summary>Adds a remote to the store's config.json; the URL is anything git can push to.</summary>
    public RemoteListResult AddRemote(string name, string url) => Guard(() =>
    {
        RemoteSettings.ValidateName(name);
        RemoteSettings.ValidateUrl(url);
        Workspace workspace = OpenWorkspace();
        workspace.Layout.EnsureCreated();
        using StoreLock _ = workspace.LockForWriting();
        RemoteSettings settings = RemoteSettings.Load(workspace.Layout);
        settings.Add(name, url);
        return new RemoteListResult(settings.All());
    });

    /// <summary>Removes a remote from the store's config.json (what was pulled from it stays).</summary>
    public RemoteListResult RemoveRemote(string name) => Guard(() =>
    {
        RemoteSettings.ValidateName(name);
        Workspace workspace = OpenWorkspace();
        using StoreLock _ = workspace.LockForWriting();
        RemoteSettings settings = RemoteSettings.Load(workspace.Layout);
        settings.Remove(name);
        return new RemoteListResult(settings.All());
    });

    /// <summary>Pushes checkpoints as git commits to <c>refs/checkpoints/&lt;name&gt;/&lt;timestamp&gt;</c> of a remote; idempotent, never a force.</summary>
    public Task<TransferResult> PushAsync(TransferRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(() => Git(() =>
        {
            string notesFolder = NotesFolderOf(request);
            return new CheckpointPusher(OpenWorkspace()).Push(request.Remote, request.Name, request.Id,
                request.WithNotes ? ids => LinkedNotes(notesFolder, ids, cancellationToken) : null, progress, cancellationToken);
        }), cancellationToken);

    /// <summary>Fetches a remote's checkpoints, verifies each file's SHA-256 and imports the ones this store lacks.</summary>
    public Task<TransferResult> PullAsync(TransferRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(() => Git(() => new CheckpointPuller(OpenWorkspace()).Pull(request.Remote, request.Name, request.Id, NotesFolderOf(request), progress, cancellationToken)), cancellationToken);

    private string NotesFolderOf(TransferRequest request) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(string.IsNullOrWhiteSpace(request.NotesFolder) ? EpisodicJournal.DefaultRelativeFolder : request.NotesFolder, Root));

    /// <summary>The day notes that link each checkpoint, as they travel with it: whole day files, exact bytes.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<TravellingNote>> LinkedNotes(string notesFolder, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        Dictionary<string, IReadOnlyList<TravellingNote>> notes = new(StringComparer.Ordinal);
        Dictionary<string, byte[]> read = new(StringComparer.Ordinal);
        foreach ((string id, List<string> files) in JournalLinks.DayFilesLinking(new EpisodicJournal(notesFolder), ids, cancellationToken))
        {
            notes[id] = [.. files.Select(file => new TravellingNote(Path.GetFileName(file), read.TryGetValue(file, out byte[]? bytes) ? bytes : read[file] = File.ReadAllBytes(file)))];
        }
        return notes;
    }

    /// <summary>The checkpoints a remote has (<c>git ls-remote</c>, nothing downloaded), each marked when this store has it too.</summary>
    public Task<RemoteCheckpointsResult> RemoteCheckpointsAsync(string? remote = null, CancellationToken cancellationToken = default) =>
        Run(() => Git(() =>
        {
            Workspace workspace = OpenWorkspace();
            RemoteInfo info = RemoteSettings.Load(workspace.Layout).Resolve(remote);
            TransferRepository repository = new(workspace.Layout);
            repository.EnsureCreated();
            (int exit, string output, string error) = repository.Git.RunAllowingFailure(
                ["ls-remote", "--refs", "--", info.Url, TransferRepository.LocalPrefix + "*"], cancellationToken);
            if (exit != 0)
            {
                throw new CheckpointException(ErrorKind.Failed, $"Cannot list the checkpoints of remote '{info.Name}' ({info.Url}); git said: {error.Trim()}");
            }
            HashSet<string> local = [.. workspace.Catalog.All().Select(c => c.Id)];
            List<RemoteCheckpoint> found = [];
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string refName = line[(line.IndexOf('\t') + 1)..];
                string[] parts = refName[TransferRepository.LocalPrefix.Length..].Split('/');
                if (parts.Length == 2 && CheckpointNames.IsValidName(parts[0]) && CheckpointNames.TryParseId(CheckpointNames.Id(parts[0], parts[1]), out _, out _))
                {
                    string id = CheckpointNames.Id(parts[0], parts[1]);
                    found.Add(new RemoteCheckpoint(id, parts[0], parts[1], refName, local.Contains(id)));
                }
            }
            found.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            return new RemoteCheckpointsResult(info.Name, info.Url, found);
        }), cancellationToken);

    /// <summary>Writes one checkpoint as a portable bundle (.tar.gz in the seed layout), every file verified on the way.</summary>
    public Task<ExportResult> ExportAsync(CheckpointRef checkpoint, string outputPath, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            Workspace workspace = OpenWorkspace();
            return CheckpointBundle.Export(workspace, workspace.Catalog.Locate(checkpoint), Path.GetFullPath(outputPath, Root), cancellationToken);
        }, cancellationToken);

    /// <summary>Imports a bundle or a seed-layout checkpoint folder after checking all of it; nothing is written when anything is wrong.</summary>
    public Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            Workspace workspace = OpenWorkspace();
            workspace.Layout.EnsureCreated();
            return CheckpointBundle.Import(workspace, Path.GetFullPath(inputPath, Root), cancellationToken);
        }, cancellationToken);

    /// <summary>A git failure the operation did not turn into a result leaves as a message that says what git said.</summary>
    private static T Git<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (GitFailedException e)
        {
            throw new CheckpointException(ErrorKind.Failed, $"git failed: {e.Message}", e);
        }
    }
}
