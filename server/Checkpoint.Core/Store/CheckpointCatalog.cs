
namespace Checkpoint.Core.Store;

/// <summary>Finds checkpoints in the store: every folder named <c>&lt;name&gt;_&lt;timestamp&gt;</c> that holds a checkpoint.json.</summary>
internal sealed class CheckpointCatalog(StoreLayout layout, TreeStore? trees = null)
{
    /// <summary>All checkpoints, grouped by name (ordinal), newest first within a name: in the order the store issued their ids (<see cref="IssuedIds"/>), folders it never issued below, by timestamp.</summary>
    public List<StoredCheckpoint> All()
    {
        List<StoredCheckpoint> found = [];
        if (!layout.Exists)
        {
            return found;
        }
        foreach (string folder in Directory.EnumerateDirectories(layout.Root))
        {
            string id = Path.GetFileName(folder);
            if (CheckpointNames.TryParseId(id, out string name, out string timestamp) &&
                File.Exists(Path.Combine(folder, StoreLayout.ManifestFileName)))
            {
                found.Add(new StoredCheckpoint(id, name, timestamp, folder, trees));
            }
        }
        Dictionary<string, int> issued = found.Count > 1 ? IssuedIds.Read(layout) : [];
        found.Sort((a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            if (byName != 0)
            {
                return byName;
            }
            bool aIssued = issued.TryGetValue(a.Id, out int aPosition), bIssued = issued.TryGetValue(b.Id, out int bPosition);
            return aIssued && bIssued ? bPosition.CompareTo(aPosition)
                : aIssued != bIssued ? (aIssued ? -1 : 1)
                : CheckpointNames.CompareTimestamps(b.Timestamp, a.Timestamp);
        });
        return found;
    }

    public List<StoredCheckpoint> OfName(string name) => All().FindAll(c => c.Name == name);

    /// <summary>The checkpoint <paramref name="reference"/> selects, or <see cref="ErrorKind.NotFound"/> listing what exists.</summary>
    public StoredCheckpoint Locate(CheckpointRef reference)
    {
        CheckpointNames.ValidateName(reference.Name);
        if (reference.Latest == (reference.Timestamp is not null))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"Say which checkpoint of '{reference.Name}': either latest or a timestamp ({CheckpointNames.TimestampRule}), not both or neither.");
        }
        if (reference.Timestamp is not null)
        {
            CheckpointNames.ValidateTimestamp(reference.Timestamp);
        }
        List<StoredCheckpoint> all = All();
        List<StoredCheckpoint> ofName = all.FindAll(c => c.Name == reference.Name);
        if (ofName.Count == 0)
        {
            List<string> names = [];
            foreach (StoredCheckpoint c in all)
            {
                if (names.Count == 0 || names[^1] != c.Name)
                {
                    names.Add(c.Name);
                }
            }
            throw new CheckpointException(ErrorKind.NotFound,
                names.Count == 0
                    ? $"No checkpoint named '{reference.Name}': the store '{layout.Root}' has no checkpoints yet."
                    : $"No checkpoint named '{reference.Name}'. Available names: {string.Join(", ", names)}.")
            { Available = names };
        }
        if (reference.Latest)
        {
            return ofName[0];
        }
        StoredCheckpoint? match = ofName.Find(c => c.Timestamp == reference.Timestamp);
        if (match is null)
        {
            List<string> timestamps = ofName.ConvertAll(c => c.Timestamp);
            throw new CheckpointException(ErrorKind.NotFound,
                $"No checkpoint '{reference.Name}' at {reference.Timestamp}. Available timestamps of '{reference.Name}': {string.Join(", ", timestamps)}.")
            { Available = timestamps };
        }
        return match;
    }

    /// <summary>Reads a manifest for a user-facing operation: an unreadable one is an integrity failure naming it.</summary>
    public static Manifest ReadOrFail(StoredCheckpoint checkpoint, bool withFiles = true)
    {
        try
        {
            return checkpoint.ReadManifest(withFiles);
        }
        catch (DamagedTreeException e)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {checkpoint.Id} is damaged: {e.Message}", e)
            {
                Damaged = [new DamagedFile(e.Folder, e.Problem)],
            };
        }
        catch (UnreadableManifestException e)
        {
            throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {checkpoint.Id} is damaged: {e.Message}", e)
            {
                Damaged = [new DamagedFile(StoreLayout.ManifestFileName, "unreadable")],
            };
        }
    }

    public static CheckpointSummary Summarize(StoredCheckpoint checkpoint, Manifest manifest) => new()
    {
        Id = checkpoint.Id,
        Name = checkpoint.Name,
        Timestamp = checkpoint.Timestamp,
        Created = manifest.Timestamp,
        Stage = manifest.Stage,
        Notes = manifest.Notes,
        TotalFiles = manifest.TotalFiles,
        TotalWords = manifest.TotalWords,
        TotalSize = manifest.TotalSize,
        Layout = StoredCheckpoint.LayoutName(manifest),
        Scope = manifest.Scope ?? [],
    };
}
