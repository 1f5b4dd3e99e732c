using System.Collections.Concurrent;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// Verify: every file of every selected checkpoint has its content in the store and that content hashes to
/// the manifest's SHA-256. Objects shared by many checkpoints are hashed once; hashing runs on every core.
/// </summary>
internal sealed class CheckpointVerifier(Workspace workspace)
{
    public VerifyResult Verify(string? name, string? timestamp, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        List<StoredCheckpoint> selected = Select(name, timestamp);
        List<(StoredCheckpoint Checkpoint, Manifest? Manifest, List<DamagedFile> Damaged)> plans = [];
        // content identity → outcome; content shared by many checkpoints is hashed once.
        ConcurrentDictionary<string, string?> outcomes = new(StringComparer.Ordinal);
        Dictionary<string, (ContentLocation? Location, string Hash)> expected = new(StringComparer.Ordinal);
        foreach (StoredCheckpoint checkpoint in selected)
        {
            List<DamagedFile> damaged = [];
            Manifest? manifest = null;
            try
            {
                manifest = checkpoint.ReadManifest();
            }
            catch (UnreadableManifestException)
            {
                damaged.Add(new DamagedFile(StoreLayout.ManifestFileName, "unreadable"));
            }
            if (manifest is not null)
            {
                foreach (ManifestFile file in manifest.Files)
                {
                    if (ManifestPaths.Problem(file.Path) is not null)
                    {
                        damaged.Add(new DamagedFile(file.Path, "unreadable"));
                        continue;
                    }
                    string identity = checkpoint.ContentIdentity(manifest, file);
                    if (!expected.ContainsKey(identity))
                    {
                        expected[identity] = (checkpoint.Locate(manifest, file, workspace.Objects), file.Hash);
                    }
                }
            }
            plans.Add((checkpoint, manifest, damaged));
        }

        long done = 0;
        ParallelOptions options = FileParallelism.Options(cancellationToken);
        FileParallelism.ForEach(expected, options, pair =>
        {
            outcomes[pair.Key] = Check(pair.Value.Location, pair.Value.Hash);
            long now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 255) == 0)
            {
                progress.Report(new OperationProgress("verify", now, expected.Count));
            }
        });
        progress?.Report(new OperationProgress("verify", expected.Count, expected.Count));

        List<VerifiedCheckpoint> results = [];
        foreach ((StoredCheckpoint checkpoint, Manifest? manifest, List<DamagedFile> damaged) in plans)
        {
            if (manifest is not null)
            {
                foreach (ManifestFile file in manifest.Files)
                {
                    if (ManifestPaths.Problem(file.Path) is null &&
                        outcomes.TryGetValue(checkpoint.ContentIdentity(manifest, file), out string? problem) && problem is not null)
                    {
                        damaged.Add(new DamagedFile(file.Path, problem));
                    }
                }
            }
            results.Add(new VerifiedCheckpoint(checkpoint.Id, damaged.Count == 0, manifest?.Files.Count ?? 0, damaged));
        }
        return new VerifyResult(results.TrueForAll(r => r.Ok), results);
    }

    /// <summary>null when the content at <paramref name="location"/> hashes to <paramref name="hash"/>, else the problem.</summary>
    public static string? Check(ContentLocation? location, string hash)
    {
        if (location is not { } stored)
        {
            return "missing";
        }
        try
        {
            return ContentIngest.HashStored(stored) == hash ? null : "mismatch";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (InvalidDataException)
        {
            return "mismatch"; // a compressed object that no longer decodes: its bytes are not the saved content
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "unreadable"; // I/O errors, and any damage that defeats a reader in a way no check foresaw
        }
    }

    private List<StoredCheckpoint> Select(string? name, string? timestamp)
    {
        if (name is null)
        {
            if (timestamp is not null)
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, "A timestamp needs a name: verify --name N --timestamp TS.");
            }
            return workspace.Catalog.All();
        }
        if (timestamp is not null)
        {
            return [workspace.Catalog.Locate(new CheckpointRef(name, Timestamp: timestamp))];
        }
        // Locate gives the not-found error with the available names; then every checkpoint of the name.
        workspace.Catalog.Locate(new CheckpointRef(name, Latest: true));
        return workspace.Catalog.OfName(name);
    }
}
