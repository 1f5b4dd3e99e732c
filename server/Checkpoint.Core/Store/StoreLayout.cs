namespace Checkpoint.Core.Store;

/// <summary>
/// Where everything lives inside a store:
/// <code>
/// .gitignore            "*": the store never shows up in the user's git status
/// &lt;name&gt;_&lt;timestamp&gt;/  checkpoint.json + CHECKPOINT_SUMMARY.md (seed layout)
/// objects/ab/cdef…      file contents keyed by SHA-256 (loose: bigger files; "….br" when Brotli-compressed)
/// objects/pack/         pack-*.pack + pack-*.idx: the small contents of one save, each entry stored as the index's
///                       codec byte says (Zstandard, with or without the pack's dictionary; see PackIndex, ObjectCodec);
///                       tree-*.pack + tree-*.idx: the folder trees of one save, the same format
/// objects/dict/         Zstandard dictionaries named by their SHA-256 (see PackDictionary)
/// tmp/                  in-flight writes; anything here after a crash is garbage
/// index                 stat cache (binary)
/// lock                  writer lock (PID + process start time)
/// ids                   every checkpoint id ever issued, in creation order (see IssuedIds)
/// </code>
/// </summary>
internal sealed class StoreLayout(string storePath)
{
    public const string ManifestFileName = "checkpoint.json";
    public const string SummaryFileName = "CHECKPOINT_SUMMARY.md";
    public const string SeedFilesFolder = "files";

    public string Root { get; } = storePath;
    public string Objects { get; } = Path.Combine(storePath, "objects");
    public string Packs { get; } = Path.Combine(storePath, "objects", "pack");
    public string Dictionaries { get; } = Path.Combine(storePath, "objects", PackDictionary.FolderName);
    public string Temp { get; } = Path.Combine(storePath, "tmp");
    public string IndexFile { get; } = Path.Combine(storePath, "index");
    public string LockFile { get; } = Path.Combine(storePath, "lock");
    public string IssuedIdsFile { get; } = Path.Combine(storePath, "ids");

    public string CheckpointFolder(string id) => Path.Combine(Root, id);

    public string ManifestPath(string id) => Path.Combine(Root, id, ManifestFileName);

    /// <summary>Object path for a 64-character lowercase hex hash: <c>objects/ab/cdef…</c>.</summary>
    public string ObjectPath(string hexHash) => Path.Combine(Objects, hexHash[..2], hexHash[2..]);

    public bool Exists => Directory.Exists(Root);

    /// <summary>Creates the folders a writer needs; idempotent and cheap once done.</summary>
    public void EnsureCreated()
    {
        try
        {
            if (Directory.Exists(Path.Combine(Objects, "ff")) && Directory.Exists(Temp) && Directory.Exists(Packs))
            {
                return;
            }
            Directory.CreateDirectory(Root);
            string gitignore = Path.Combine(Root, ".gitignore");
            if (!File.Exists(gitignore))
            {
                File.WriteAllText(gitignore, "*\n");
            }
            Directory.CreateDirectory(Temp);
            Directory.CreateDirectory(Packs);
            // All 256 fan-out folders up front, so writers never race to create them.
            for (int i = 0; i < 256; i++)
            {
                Directory.CreateDirectory(Path.Combine(Objects, i.ToString("x2")));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Directory.Exists(Root) ? Unwritable(e)
                : new CheckpointException(ErrorKind.Failed, $"Cannot create the checkpoint store at '{Root}': {e.Message}", e);
        }
    }

    /// <summary>
    /// The failure of a writer on a store it cannot write (a mounted backup, a read-only file system, no permission),
    /// saying what still works: the verbs that only read the store never write to it, nor take its lock.
    /// </summary>
    public CheckpointException Unwritable(Exception cause) => new(ErrorKind.Failed,
        $"The checkpoint store '{Root}' cannot be written ({cause.Message}). Saving, deleting, pruning, importing, pulling and " +
        "resuming into the workspace (which first saves a safety checkpoint) write to it; list, show, diff, verify, export and " +
        "resume --target DIR only read it.", cause);
}
