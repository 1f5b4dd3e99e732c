using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// A portable bundle: one <c>.tar.gz</c> holding one checkpoint folder in the seed's own layout,
/// <code>
/// &lt;name&gt;_&lt;timestamp&gt;/checkpoint.json
/// &lt;name&gt;_&lt;timestamp&gt;/CHECKPOINT_SUMMARY.md
/// &lt;name&gt;_&lt;timestamp&gt;/files/&lt;path&gt;      plain copies
/// </code>
/// so <c>tar -xzf</c> alone gives a folder any seed tool reads. Import reads a bundle (or such a folder) twice: first
/// it checks everything — only regular files and folders, no absolute path, no <c>..</c>, no link, no path twice,
/// every file listed in checkpoint.json and matching its SHA-256 — and only then stores anything.
/// </summary>
internal static class CheckpointBundle
{
    public static ExportResult Export(Workspace workspace, StoredCheckpoint stored, string outputPath, CancellationToken cancellationToken)
    {
        PortableCheckpoint checkpoint = PortableCheckpoint.Of(workspace, stored);
        string full = Path.GetFullPath(outputPath);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"Cannot write '{outputPath}': the folder '{folder}' does not exist.");
        }
        // Written beside the target and renamed at the end: a failed export never leaves half a bundle under the name.
        string temp = full + $".{Environment.ProcessId}.partial";
        long bytes = 0;
        try
        {
            DateTimeOffset created = CheckpointNames.ParseIsoLocal(checkpoint.Created) is { } local ? new DateTimeOffset(local) : DateTimeOffset.UnixEpoch;
            using (FileStream file = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (GZipStream gzip = new(file, CompressionLevel.Fastest))
            using (TarWriter tar = new(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                string top = checkpoint.Id + "/";
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top) { ModificationTime = created, Mode = Directory755 });
                WriteBytes(tar, top + StoreLayout.ManifestFileName, checkpoint.ManifestBytes, created);
                WriteBytes(tar, top + StoreLayout.SummaryFileName, checkpoint.SummaryBytes, created);
                byte[] buffer = new byte[1 << 20];
                foreach (ManifestFile entry in checkpoint.Files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // Verified while copied, into memory or a temp file: TarWriter needs the content as a stream of known length.
                    using MemoryStream content = new((int)Math.Min(entry.Size, 1 << 24));
                    checkpoint.CopyVerified(entry, content, buffer);
                    content.Position = 0;
                    DateTimeOffset modified = CheckpointNames.ParseIsoLocal(entry.Modified) is { } m ? new DateTimeOffset(m) : created;
                    // A link travels as a plain file holding its target text (checkpoint.json says it is a link): import
                    // refuses tar links, and `tar -xzf` must never create one that points out of the folder it unpacks into.
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, top + StoreLayout.SeedFilesFolder + "/" + entry.Path)
                    {
                        DataStream = content,
                        ModificationTime = modified,
                        Mode = entry.Mode != FileModes.NotRecorded && !entry.IsLink ? FileModes.Permissions(entry.Mode) : File644,
                    });
                    bytes += entry.Size;
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        return new ExportResult(checkpoint.Id, full, checkpoint.Files.Count, bytes);
    }

    private const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Directory755 = File644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static void WriteBytes(TarWriter tar, string name, byte[] content, DateTimeOffset modified) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = modified, Mode = File644 });

    /// <summary>Imports a bundle file (<c>.tar.gz</c> or <c>.tar</c>) or a seed-layout checkpoint folder.</summary>
    public static ImportResult Import(Workspace workspace, string inputPath, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(inputPath);
        ISeedSource source = Directory.Exists(full) ? new FolderSource(full)
            : File.Exists(full) ? new TarSource(full)
            : throw new CheckpointException(ErrorKind.InvalidArgument, $"Nothing to import at '{inputPath}': give a bundle (.tar.gz) written by 'checkpoint export' or a checkpoint folder (checkpoint.json + files/).");
        string label = $"'{inputPath}'";

        // Pass 1: structure and hashes, nothing written.
        (string id, byte[] manifestBytes) = source.Inspect(label, cancellationToken);
        Manifest manifest = CheckpointImport.ReadManifest(manifestBytes, id, label);
        Dictionary<string, ManifestFile> expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        HashSet<string> seen = new(StringComparer.Ordinal);
        source.ForEachFile(label, (path, content) =>
        {
            if (!expected.TryGetValue(path, out ManifestFile file))
            {
                throw CheckpointImport.Refused(id, label, $"'files/{path}' is not listed in its checkpoint.json", path);
            }
            if (!seen.Add(path))
            {
                throw CheckpointImport.Refused(id, label, $"'files/{path}' appears twice", path);
            }
            (string hash, long size) = Hash(content);
            if (hash != file.Hash || size != file.Size)
            {
                throw new CheckpointException(ErrorKind.Integrity,
                    $"Checkpoint {id} from {label} was refused: the content of '{path}' does not match its SHA-256 in checkpoint.json; nothing was imported.")
                {
                    Damaged = [new DamagedFile(path, "mismatch")],
                };
            }
        }, cancellationToken);
        if (seen.Count != expected.Count)
        {
            string missing = expected.Keys.First(path => !seen.Contains(path));
            throw new CheckpointException(ErrorKind.Integrity, $"Checkpoint {id} from {label} was refused: 'files/{missing}' is missing; nothing was imported.")
            {
                Damaged = [new DamagedFile(missing, "missing")],
            };
        }

        // Pass 2: the same bytes again into the store (each one re-hashed: what is stored is what was checked).
        using StoreLock _ = workspace.LockForWriting(cancellationToken);
        if (workspace.Catalog.All().Find(c => c.Id == id) is { } existing)
        {
            byte[] local = PortableCheckpoint.Of(workspace, existing).ManifestBytes;
            if (local.AsSpan().SequenceEqual(manifestBytes) || local.AsSpan().SequenceEqual(Reencoded(manifest)))
            {
                return new ImportResult(id, AlreadyPresent: true, manifest.Files.Count, 0);
            }
            throw new CheckpointException(ErrorKind.Failed,
                $"Checkpoint {id} exists in this store with different content; the import was refused and nothing was overwritten (delete the local one first to replace it).");
        }
        using CheckpointImport import = new(workspace, id, manifest);
        source.ForEachFile(label, (path, content) => import.Accept(path, content, label), cancellationToken);
        import.Publish(label);
        return new ImportResult(id, AlreadyPresent: false, manifest.Files.Count, import.NewObjects);
    }

    /// <summary>checkpoint.json as this store would send it for <paramref name="manifest"/>: bundles from other versions compare by content, not bytes.</summary>
    private static byte[] Reencoded(Manifest manifest)
    {
        using MemoryStream json = new();
        ManifestWriter.Write(new Manifest
        {
            Name = manifest.Name, Timestamp = manifest.Timestamp, Stage = manifest.Stage, Notes = manifest.Notes,
            Metadata = ManifestWriter.CopyMetadata(manifest.Metadata), Files = manifest.Files, FormatVersion = 0,
            Root = manifest.Root, Scope = manifest.Scope, Skipped = manifest.Skipped,
            TotalFiles = manifest.TotalFiles, TotalWords = manifest.TotalWords, TotalSize = manifest.TotalSize,
        }, json);
        return json.ToArray();
    }

    private static (string Hash, long Size) Hash(Stream content)
    {
        using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    /// <summary>Where a seed-layout checkpoint is read from: a bundle or a folder.</summary>
    private interface ISeedSource
    {
        /// <summary>Checks the structure and returns the checkpoint's id and checkpoint.json.</summary>
        (string Id, byte[] Manifest) Inspect(string label, CancellationToken cancellationToken);

        /// <summary>Calls <paramref name="accept"/> with every file under files/ (its checkpoint.json path) and its content.</summary>
        void ForEachFile(string label, Action<string, Stream> accept, CancellationToken cancellationToken);
    }

    private sealed class TarSource(string path) : ISeedSource
    {
        private string _top = "";

        private Stream OpenArchive()
        {
            FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            Span<byte> magic = stackalloc byte[2];
            int read = file.Read(magic);
            file.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        }

        public (string Id, byte[] Manifest) Inspect(string label, CancellationToken cancellationToken)
        {
            byte[]? manifest = null;
            HashSet<string> names = new(StringComparer.Ordinal);
            string? top = null;
            try
            {
                using Stream archive = OpenArchive();
                using TarReader tar = new(archive);
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string name = entry.Name.EndsWith('/') ? entry.Name[..^1] : entry.Name;
                    string entryTop = name.Split('/')[0];
                    if (ManifestPaths.Problem(name) is { } problem)
                    {
                        throw Forged(label, $"the entry '{entry.Name}' is unsafe ({problem})");
                    }
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
                    {
                        throw Forged(label, $"the entry '{entry.Name}' is a {entry.EntryType}, not a regular file or folder (links are never imported)");
                    }
                    if (!names.Add(name))
                    {
                        throw Forged(label, $"the entry '{entry.Name}' appears twice");
                    }
                    top ??= entryTop;
                    if (entryTop != top)
                    {
                        throw Forged(label, $"it holds more than one checkpoint folder ('{top}', '{entryTop}')");
                    }
                    if (name == top + "/" + StoreLayout.ManifestFileName && entry.DataStream is { } data)
                    {
                        if (entry.Length > 1L << 31)
                        {
                            throw Forged(label, "its checkpoint.json is impossibly large");
                        }
                        manifest = new byte[entry.Length];
                        data.ReadExactly(manifest);
                    }
                    else if (entry.EntryType != TarEntryType.Directory && name != top + "/" + StoreLayout.SummaryFileName &&
                             !name.StartsWith(top + "/" + StoreLayout.SeedFilesFolder + "/", StringComparison.Ordinal))
                    {
                        throw Forged(label, $"the entry '{entry.Name}' is not part of the seed layout (checkpoint.json, CHECKPOINT_SUMMARY.md, files/)");
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw Forged(label, $"it is not a readable .tar.gz ({e.Message})");
            }
            if (top is null || manifest is null)
            {
                throw Forged(label, "it has no <name>_<timestamp>/checkpoint.json");
            }
            _top = top;
            return (top, manifest);
        }

        public void ForEachFile(string label, Action<string, Stream> accept, CancellationToken cancellationToken)
        {
            string prefix = _top + "/" + StoreLayout.SeedFilesFolder + "/";
            try
            {
                using Stream archive = OpenArchive();
                using TarReader tar = new(archive);
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal) || entry.EntryType == TarEntryType.Directory)
                    {
                        continue;
                    }
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        throw Forged(label, $"the entry '{entry.Name}' changed between two reads");
                    }
                    accept(entry.Name[prefix.Length..], entry.DataStream ?? Stream.Null);
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw Forged(label, $"it is not a readable .tar.gz ({e.Message})");
            }
        }
    }

    private sealed class FolderSource(string folder) : ISeedSource
    {
        public (string Id, byte[] Manifest) Inspect(string label, CancellationToken cancellationToken)
        {
            string id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            string manifestPath = Path.Combine(folder, StoreLayout.ManifestFileName);
            if (!File.Exists(manifestPath) || new FileInfo(manifestPath).LinkTarget is not null)
            {
                throw Forged(label, "it has no checkpoint.json (a regular file)");
            }
            // The folder's own name is the id when it is one; a folder named otherwise takes the id from checkpoint.json.
            byte[] bytes = File.ReadAllBytes(manifestPath);
            if (!CheckpointNames.TryParseId(id, out _, out _))
            {
                Manifest manifest = ManifestReader.Read(bytes, label);
                DateTime created = CheckpointNames.ParseIsoLocal(manifest.Timestamp)
                    ?? throw Forged(label, $"its folder name is not <name>_<timestamp> and its timestamp '{manifest.Timestamp}' is not a time");
                id = CheckpointNames.Id(manifest.Name, CheckpointNames.FolderTimestamp(created));
            }
            ForEachFile(label, (_, _) => { }, cancellationToken, contents: false);
            return (id, bytes);
        }

        public void ForEachFile(string label, Action<string, Stream> accept, CancellationToken cancellationToken) =>
            ForEachFile(label, accept, cancellationToken, contents: true);

        private void ForEachFile(string label, Action<string, Stream> accept, CancellationToken cancellationToken, bool contents)
        {
            string files = Path.Combine(folder, StoreLayout.SeedFilesFolder);
            if (!Directory.Exists(files))
            {
                return;
            }
            if (new DirectoryInfo(files).LinkTarget is not null)
            {
                throw Forged(label, "its files/ folder is a link");
            }
            Stack<string> pending = new([files]);
            while (pending.Count > 0)
            {
                string current = pending.Pop();
                foreach (FileSystemInfo entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string relative = Path.GetRelativePath(files, entry.FullName).Replace('\\', '/');
                    if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        throw Forged(label, $"'files/{relative}' is a link (links are never imported)");
                    }
                    if (entry is DirectoryInfo)
                    {
                        pending.Push(entry.FullName);
                    }
                    else if (contents)
                    {
                        using FileStream content = new(entry.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                        accept(relative, content);
                    }
                }
            }
        }
    }

    private static CheckpointException Forged(string label, string reason) =>
        new(ErrorKind.Integrity, $"The bundle {label} was refused: {reason}; nothing was imported.");
}
