using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// The store's private bare repository, <c>&lt;store&gt;/transfer.git</c>: where checkpoints become git commits before a
/// push and where fetched ones wait to be verified. Refs:
/// <code>
/// refs/checkpoints/&lt;name&gt;/&lt;timestamp&gt;                the commit of a checkpoint of this store (what push sends)
/// refs/remote-checkpoints/&lt;remote&gt;/&lt;name&gt;/&lt;timestamp&gt;  what a pull fetched from a remote (the tracking namespace)
/// </code>
/// A checkpoint's commit has a fixed author and date (the checkpoint's) and, as its parent, a checkpoint commit the
/// remote already has (preferably of the same name): git only subtracts what the remote has along history, so an
/// unrelated commit would make every push and fetch carry the whole tree again (measured: 20 × 10 MB for 20
/// checkpoints with 1 % churn). Same content with another parent is still the same checkpoint: sides compare
/// checkpoint.json, never commit ids. <c>checkpoint-blobs</c> maps SHA-256 contents to the git blobs that hold them,
/// so an unchanged file is never read again to be pushed.
/// </summary>
internal sealed class TransferRepository
{
    public const string FolderName = "transfer.git";
    public const string LocalPrefix = "refs/checkpoints/";
    public const string TrackingPrefix = "refs/remote-checkpoints/";
    private const string BlobMapFile = "checkpoint-blobs";

    public TransferRepository(StoreLayout layout)
    {
        Path = System.IO.Path.Combine(layout.Root, FolderName);
        Git = new GitProcess(Path);
    }

    public string Path { get; }
    public GitProcess Git { get; }

    public static string RefOf(string name, string timestamp) => $"{LocalPrefix}{name}/{timestamp}";

    public static string TrackingRefOf(string remote, string name, string timestamp) => $"{TrackingPrefix}{remote}/{name}/{timestamp}";

    public void EnsureCreated()
    {
        if (File.Exists(System.IO.Path.Combine(Path, "HEAD")))
        {
            return;
        }
        Directory.CreateDirectory(Path);
        Git.Run(["init", "--bare", "--quiet", "--object-format=sha1", "."]);
        // Nothing in here is a branch anyone checks out; keep git from packing on its own schedule mid-bench
        // and from running anything on our behalf.
        Git.Run(["config", "core.hooksPath", "/dev/null"]);
        Git.Run(["config", "gc.auto", "0"]);
    }

    /// <summary>Every ref under <paramref name="prefix"/>, ref → commit id.</summary>
    public Dictionary<string, string> Refs(string prefix)
    {
        Dictionary<string, string> refs = new(StringComparer.Ordinal);
        string output = Git.Run(["for-each-ref", "--format=%(objectname) %(refname)", prefix]);
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            refs[line[(space + 1)..]] = line[..space];
        }
        return refs;
    }

    /// <summary>The blob id of each commit's checkpoint.json (null where the commit has none), in one git call.</summary>
    public string?[] ManifestBlobs(IReadOnlyList<string> commits) => ObjectsAt(commits, StoreLayout.ManifestFileName, "blob");

    /// <summary>The id of each commit's <paramref name="path"/> when it is a <paramref name="type"/> (null where it is not there), in one git call.</summary>
    public string?[] ObjectsAt(IReadOnlyList<string> commits, string path, string type)
    {
        (string Id, string Type)?[] found = Lookup([.. commits.Select(commit => $"{commit}:{path}")]);
        return [.. found.Select(entry => entry is { } e && e.Type == type ? e.Id : null)];
    }

    /// <summary>
    /// git's id of a tree of regular files (mode 100644) with these names and contents, without asking git: SHA-1 of
    /// <c>"tree &lt;size&gt;\0"</c> + per entry, sorted by name, <c>"100644 &lt;name&gt;\0"</c> + the blob's 20-byte id.
    /// </summary>
    public static string TreeId(IEnumerable<(string Name, byte[] Content)> files)
    {
        using MemoryStream entries = new();
        foreach ((string name, byte[] content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            entries.Write(Encoding.UTF8.GetBytes($"100644 {name}\0"));
            entries.Write(Convert.FromHexString(BlobId(content)));
        }
        using IncrementalHash sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"tree {entries.Length.ToString(CultureInfo.InvariantCulture)}\0"));
        sha1.AppendData(entries.GetBuffer(), 0, (int)entries.Length);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    /// <summary>git's id of a blob with these bytes (SHA-1 of <c>"blob &lt;size&gt;\0"</c> + bytes), without asking git.</summary>
    public static string BlobId(ReadOnlySpan<byte> content)
    {
        using IncrementalHash sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length.ToString(CultureInfo.InvariantCulture)}\0"));
        sha1.AppendData(content);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    public Dictionary<string, string> LoadBlobMap()
    {
        Dictionary<string, string> map = new(StringComparer.Ordinal);
        string path = System.IO.Path.Combine(Path, BlobMapFile);
        if (!File.Exists(path))
        {
            return map;
        }
        foreach (string line in File.ReadLines(path))
        {
            // "<sha256> <sha1>"; a torn last line (a crash mid-append) is simply not used.
            if (line.Length == 64 + 1 + 40 && line[64] == ' ')
            {
                map[line[..64]] = line[65..];
            }
        }
        return map;
    }

    /// <summary>
    /// The blob map cut to the contents <paramref name="needed"/>, each entry checked to still name a blob here (one
    /// <c>cat-file</c> call): a prune may have collected it since it was learned, and a commit must never name a blob this repository lacks (index-pack does not check that).
    /// </summary>
    public Dictionary<string, string> LoadBlobMap(IEnumerable<string> needed)
    {
        Dictionary<string, string> all = LoadBlobMap();
        Dictionary<string, string> map = new(StringComparer.Ordinal);
        foreach (string sha256 in needed)
        {
            if (all.TryGetValue(sha256, out string? sha1))
            {
                map[sha256] = sha1;
            }
        }
        if (map.Count == 0)
        {
            return map;
        }
        HashSet<string> present = ExistingObjects(map.Values);
        foreach (string sha256 in map.Keys.ToList())
        {
            if (!present.Contains(map[sha256]))
            {
                map.Remove(sha256);
            }
        }
        return map;
    }

    /// <summary>The ids among <paramref name="ids"/> that this repository holds (of <paramref name="type"/> when given, else any type).</summary>
    public HashSet<string> ExistingObjects(IEnumerable<string> ids, string? type = null)
    {
        List<string> distinct = [.. ids.Distinct(StringComparer.Ordinal)];
        HashSet<string> present = new(StringComparer.Ordinal);
        foreach ((string Id, string Type)? entry in Lookup(distinct))
        {
            if (entry is { } e && (type is null || e.Type == type))
            {
                present.Add(e.Id);
            }
        }
        return present;
    }

    /// <summary>
    /// One <c>git cat-file --batch-check</c> for <paramref name="names"/> (ids or <c>&lt;commit&gt;:&lt;path&gt;</c>): per name, in
    /// order, its object id and type, or null when git does not have it (<c>missing</c>, <c>ambiguous</c>). The only
    /// parser of that output.
    /// </summary>
    private (string Id, string Type)?[] Lookup(IReadOnlyList<string> names)
    {
        (string, string)?[] found = new (string, string)?[names.Count];
        if (names.Count == 0)
        {
            return found;
        }
        StringBuilder input = new();
        foreach (string name in names)
        {
            input.Append(name).Append('\n');
        }
        string output = Git.Run(["cat-file", "--batch-check=%(objectname) %(objecttype)"], stdin: input.ToString());
        // One line per input line: "<id> <type>", or "<name> missing" / "<name> ambiguous".
        string[] lines = output.Split('\n');
        for (int i = 0; i < names.Count && i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length > 41 && line[40] == ' ' && !line.EndsWith(" missing", StringComparison.Ordinal) && !line.EndsWith(" ambiguous", StringComparison.Ordinal))
            {
                found[i] = (line[..40], line[41..]);
            }
        }
        return found;
    }

    /// <summary>
    /// After a prune: drops the refs of checkpoints this store no longer has (its own and the fetched ones), then the
    /// objects nothing reaches any more, and the blob map's entries for them. Returns the bytes freed; 0 when there was
    /// nothing to drop (or no transfer repository). What the remotes have is not touched.
    /// </summary>
    public long Forget(IReadOnlySet<string> remainingIds, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(System.IO.Path.Combine(Path, "HEAD")))
        {
            return 0;
        }
        StringBuilder deletions = new();
        foreach ((string refName, string commit) in Refs(LocalPrefix).Concat(Refs(TrackingPrefix)))
        {
            string[] parts = refName.Split('/');
            // refs/checkpoints/<name>/<ts> or refs/remote-checkpoints/<remote>/<name>/<ts>: the id is the last two parts.
            if (parts.Length >= 4 && !remainingIds.Contains(CheckpointNames.Id(parts[^2], parts[^1])))
            {
                deletions.Append("delete ").Append(refName).Append(' ').Append(commit).Append('\n');
            }
        }
        if (deletions.Length == 0)
        {
            return 0;
        }
        long before = FolderBytes(Path);
        Git.Run(["update-ref", "--stdin"], cancellationToken, deletions.ToString());
        // One pack of what the remaining refs reach (existing deltas reused, no new delta search), then the loose rest.
        Git.Run(["-c", "gc.auto=0", "repack", "-a", "-d", "-q", "--window=0"], cancellationToken);
        Git.Run(["prune", "--expire=now"], cancellationToken);
        Dictionary<string, string> map = LoadBlobMap();
        HashSet<string> present = map.Count == 0 ? [] : ExistingObjects(map.Values);
        StringBuilder kept = new();
        foreach ((string sha256, string sha1) in map)
        {
            if (present.Contains(sha1))
            {
                kept.Append(sha256).Append(' ').Append(sha1).Append('\n');
            }
        }
        string mapPath = System.IO.Path.Combine(Path, BlobMapFile);
        string temporary = mapPath + ".tmp";
        File.WriteAllText(temporary, kept.ToString());
        File.Move(temporary, mapPath, overwrite: true);
        return Math.Max(0, before - FolderBytes(Path));
    }

    private static long FolderBytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(static file => file.Length);

    public void RememberBlobs(IEnumerable<KeyValuePair<string, string>> learned)
    {
        StringBuilder lines = new();
        foreach ((string sha256, string sha1) in learned)
        {
            lines.Append(sha256).Append(' ').Append(sha1).Append('\n');
        }
        if (lines.Length > 0)
        {
            File.AppendAllText(System.IO.Path.Combine(Path, BlobMapFile), lines.ToString());
        }
    }

    /// <summary>
    /// Writes one commit per checkpoint at <see cref="RefOf"/> (through <see cref="GitPackWriter"/>: one pack, checked by
    /// <c>git index-pack</c>): blobs the map does not know are written (each content once), known ones are referred to by
    /// id. A checkpoint whose stored content is damaged stops the write before any ref moves.
    /// </summary>
    /// <param name="parents">Per checkpoint, the commit (or ref written earlier in the same batch) its commit builds on, or null.</param>
    public void WriteCommits(IReadOnlyList<PortableCheckpoint> checkpoints, IReadOnlyList<string?> parents, Dictionary<string, string> blobMap, IProgress<OperationProgress>? progress, CancellationToken cancellationToken) =>
        new GitPackWriter(this).WriteCommits(checkpoints, parents, blobMap, progress, cancellationToken);

    /// <summary>
    /// git's mode of a file under files/: 100755 when any execute bit was recorded (git keeps no other permission bit), else
    /// 100644. A link is a plain file holding its target text there, as everywhere in the seed layout; checkpoint.json
    /// says it is a link and carries the exact mode, so a pull never reads either from git.
    /// </summary>
    internal static string GitMode(ManifestFile file) =>
        !file.IsLink && (file.Mode & 0x49) != 0 ? "100755" : "100644"; // 0x49 = 0111, the execute bits

    /// <summary>A commit's tree as <c>git ls-tree -r -z</c> lists it: mode, type, object id and path of every entry.</summary>
    public List<(string Mode, string Type, string Id, string Path)> Tree(string commit)
    {
        string output = Git.Run(["ls-tree", "-r", "-z", "--full-tree", commit]);
        List<(string, string, string, string)> entries = [];
        foreach (string record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = record.IndexOf('\t');
            string[] head = record[..tab].Split(' ');
            entries.Add((head[0], head[1], head[2], record[(tab + 1)..]));
        }
        return entries;
    }
}
