using System.Buffers;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// Brings a checkpoint that arrived in the seed layout (from a remote or a bundle) into the store through the
/// normal path: each file's bytes are hashed and must match checkpoint.json before they are stored
/// (content-addressed, so shared contents are stored once), the new objects are made durable with one syncfs,
/// and checkpoint.json is published last under the checkpoint's own id. Until <see cref="Publish"/> there is no
/// checkpoint; a crash before it leaves only objects and tmp/ garbage that the next writer cleans.
/// The caller holds the store lock.
/// </summary>
internal sealed class CheckpointImport : IDisposable
{
    private const int WholeContentLimit = 4 << 20;

    private readonly Workspace _workspace;
    private readonly Manifest _manifest;
    private readonly Dictionary<string, int> _expected;
    private readonly bool[] _seen;
    private readonly PackWriter _pack;
    private readonly ContentIngest _ingest;
    private int _seenCount;

    public CheckpointImport(Workspace workspace, string id, Manifest manifest)
    {
        _workspace = workspace;
        Id = id;
        _manifest = manifest;
        _expected = new Dictionary<string, int>(manifest.Files.Count, StringComparer.Ordinal);
        for (int i = 0; i < manifest.Files.Count; i++)
        {
            _expected[manifest.Files[i].Path] = i;
        }
        _seen = new bool[manifest.Files.Count];
        _pack = new PackWriter(workspace.Layout, PackWriter.ContentPrefix, workspace.Objects.CurrentDictionary());
        _ingest = new ContentIngest(workspace.Objects, _pack);
    }

    public string Id { get; }
    public long NewObjects { get; private set; }
    public long BytesWritten { get; private set; }

    /// <summary>
    /// Parses checkpoint.json from elsewhere and checks it the way a restore does: a readable seed schema,
    /// a valid name and timestamp that match <paramref name="id"/>, every path relative without <c>..</c>, none twice.
    /// </summary>
    public static Manifest ReadManifest(byte[] bytes, string id, string source)
    {
        Manifest manifest;
        try
        {
            manifest = ManifestReader.Read(bytes, source);
        }
        catch (UnreadableManifestException e)
        {
            throw Refused(id, source, e.Message, StoreLayout.ManifestFileName);
        }
        if (!CheckpointNames.TryParseId(id, out string name, out string timestamp) || !CheckpointNames.IsValidName(name) || name != manifest.Name)
        {
            throw Refused(id, source, $"its checkpoint.json names '{manifest.Name}', which does not match the id", StoreLayout.ManifestFileName);
        }
        try
        {
            CheckpointNames.ValidateTimestamp(timestamp);
        }
        catch (CheckpointException e)
        {
            throw Refused(id, source, e.Message, StoreLayout.ManifestFileName);
        }
        ManifestPaths.ValidateAll(new StoredCheckpoint(id, name, timestamp, source), manifest);
        foreach (ManifestFile file in manifest.Files)
        {
            if (file.Size < 0)
            {
                throw Refused(id, source, $"'{file.Path}' has a negative size", file.Path);
            }
        }
        return manifest;
    }

    /// <summary>The checkpoint.json path a travelling file sits at (<c>files/&lt;path&gt;</c>), or null for anything else.</summary>
    public static string? FilePathOf(string entryPath) =>
        entryPath.StartsWith(StoreLayout.SeedFilesFolder + "/", StringComparison.Ordinal) ? entryPath[(StoreLayout.SeedFilesFolder.Length + 1)..] : null;

    public bool Expects(string path) => _expected.ContainsKey(path);

    /// <summary>Hashes <paramref name="content"/> (the file at <paramref name="path"/>), stores it when it matches checkpoint.json, and refuses it otherwise.</summary>
    public void Accept(string path, Stream content, string source)
    {
        if (!_expected.TryGetValue(path, out int index))
        {
            throw Refused(Id, source, $"'{path}' is not listed in its checkpoint.json", path);
        }
        if (_seen[index])
        {
            throw Refused(Id, source, $"'{path}' appears twice", path);
        }
        ManifestFile file = _manifest.Files[index];
        IngestedContent stored = file.Size <= WholeContentLimit ? AcceptWhole(file, content) : AcceptStreamed(file, content);
        if (stored.Hash != file.Hash || stored.Size != file.Size)
        {
            throw new CheckpointException(ErrorKind.Integrity,
                $"Checkpoint {Id} from {source} was refused: the content of '{path}' does not match its SHA-256 in checkpoint.json; nothing of it was imported.")
            {
                Damaged = [new DamagedFile(path, "mismatch")],
            };
        }
        if (stored.NewObject)
        {
            NewObjects++;
            BytesWritten += stored.Size;
        }
        _seen[index] = true;
        _seenCount++;
    }

    private IngestedContent AcceptWhole(ManifestFile file, Stream content)
    {
        // One byte of slack tells a longer content from an exact one.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)file.Size + 1);
        try
        {
            int total = StoredContent.ReadFully(content, buffer.AsSpan(0, (int)file.Size + 1));
            ReadOnlySpan<byte> bytes = buffer.AsSpan(0, total);
            string hash = ContentIngest.HashHex(bytes);
            if (hash != file.Hash || total != file.Size)
            {
                return new IngestedContent(hash, total, 0, false);
            }
            bool written = _workspace.Objects.Write(hash, bytes, _pack);
            return new IngestedContent(hash, total, file.WordCount, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private IngestedContent AcceptStreamed(ManifestFile file, Stream content)
    {
        // Big contents land in tmp/ first and then take the save's own path (compression decided as for a working file).
        string temp = _workspace.Objects.NewTempPath("import");
        try
        {
            using (FileStream output = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                content.CopyTo(output, 1 << 20);
            }
            if (new FileInfo(temp).Length != file.Size)
            {
                return new IngestedContent("", new FileInfo(temp).Length, 0, false);
            }
            IngestedContent ingested = _ingest.Ingest(temp, file.Size);
            return ingested with { WordCount = file.WordCount };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Every listed file must have arrived; then the objects are made durable and checkpoint.json is published, last.</summary>
    public StoredCheckpoint Publish(string source)
    {
        if (_seenCount != _seen.Length)
        {
            List<DamagedFile> missing = [];
            for (int i = 0; i < _seen.Length; i++)
            {
                if (!_seen[i])
                {
                    missing.Add(new DamagedFile(_manifest.Files[i].Path, "missing"));
                }
            }
            throw new CheckpointException(ErrorKind.Integrity,
                $"Checkpoint {Id} from {source} was refused: {missing.Count} listed file(s) are missing, first '{missing[0].Path}'; nothing of it was imported.")
            {
                Damaged = missing,
            };
        }
        _workspace.Objects.AddPacked(_pack.Commit());
        // The oldest format that holds the checkpoint, so the most readers read it: format 1 (every file inline, no
        // trees) as before, unless an entry carries a mode or is a link — then format 3, whose trees are written here
        // (a reader of formats up to 2 must refuse it rather than restore a link as a file holding its target).
        bool needsLinkFormat = _manifest.Files.Exists(f => f.IsLink || f.Mode != FileModes.NotRecorded);
        string? tree = null;
        if (needsLinkFormat)
        {
            using PackWriter treePack = new(_workspace.Layout, TreeStore.PackPrefix);
            tree = CheckpointTrees.Build(_manifest.Files, _workspace.Trees, treePack).Root;
            _workspace.Trees.AddPacked(treePack.Commit());
        }
        FileSystem.Current.SyncFileSystem(_workspace.Layout.Objects);
        Manifest stored = new()
        {
            Name = _manifest.Name,
            Timestamp = _manifest.Timestamp,
            Stage = _manifest.Stage,
            Notes = _manifest.Notes,
            Metadata = _manifest.Metadata,
            Files = _manifest.Files,
            FormatVersion = needsLinkFormat ? Manifest.CurrentFormat : 1,
            Tree = tree,
            Root = _manifest.Root,
            Scope = _manifest.Scope,
            Skipped = _manifest.Skipped,
            TotalFiles = _manifest.TotalFiles,
            TotalWords = _manifest.TotalWords,
            TotalSize = _manifest.TotalSize,
        };
        CheckpointNames.TryParseId(Id, out string name, out string timestamp);
        CheckpointPublisher.Publish(_workspace.Layout, Id, stored, SummaryMarkdown.Render(Id, timestamp, stored));
        return new StoredCheckpoint(Id, name, timestamp, _workspace.Layout.CheckpointFolder(Id));
    }

    public void Dispose() => _pack.Dispose();

    public static CheckpointException Refused(string id, string source, string reason, string path) =>
        new(ErrorKind.Integrity, $"Checkpoint {id} from {source} was refused: {reason}; nothing of it was imported.")
        {
            Damaged = [new DamagedFile(path, "unreadable")],
        };
}
