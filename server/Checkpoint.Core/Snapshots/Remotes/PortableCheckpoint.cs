using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// A stored checkpoint in the seed's own layout, as it travels (a git commit's tree, a bundle):
/// <c>checkpoint.json</c> (the seed schema with every file inline, <c>format_version</c> 0 = copies under files/),
/// <c>CHECKPOINT_SUMMARY.md</c>, and <c>files/&lt;path&gt;</c>. Both documents are generated from the manifest, so the
/// same checkpoint always travels as the same bytes whatever the store's own format: that is what makes a push
/// idempotent and lets two sides tell "same checkpoint" from "same id, different content".
/// </summary>
/// <remarks>Contents are read through the store's own lookup (<see cref="StoredCheckpoint.Locate"/>), and checked against their hash as they stream.</remarks>
internal sealed class PortableCheckpoint
{
    private readonly Workspace _workspace;
    private readonly StoredCheckpoint _stored;
    private readonly Manifest _manifest;

    private PortableCheckpoint(Workspace workspace, StoredCheckpoint stored, Manifest manifest, byte[] manifestBytes, byte[] summaryBytes)
    {
        _workspace = workspace;
        _stored = stored;
        _manifest = manifest;
        ManifestBytes = manifestBytes;
        SummaryBytes = summaryBytes;
    }

    public string Id => _stored.Id;
    public string Name => _stored.Name;
    public string Timestamp => _stored.Timestamp;
    public IReadOnlyList<ManifestFile> Files => _manifest.Files;
    public string Created => _manifest.Timestamp;
    public byte[] ManifestBytes { get; }
    public byte[] SummaryBytes { get; }

    /// <summary>The episodic notes that travel in the checkpoint's commit (<c>push --with-notes</c>); none by default.</summary>
    public IReadOnlyList<TravellingNote> Notes { get; set; } = [];

    /// <summary>git's id of the commit's <c>notes/</c> tree as it must be, or null when no note travels (then there is none).</summary>
    public string? NotesTreeId => Notes.Count == 0 ? null : TransferRepository.TreeId(Notes.Select(n => (n.Name, n.Content)));

    public static PortableCheckpoint Of(Workspace workspace, StoredCheckpoint stored)
    {
        Manifest manifest = CheckpointCatalog.ReadOrFail(stored);
        ManifestPaths.ValidateAll(stored, manifest);
        Manifest seed = new()
        {
            Name = manifest.Name,
            Timestamp = manifest.Timestamp,
            Stage = manifest.Stage,
            Notes = manifest.Notes,
            Metadata = ManifestWriter.CopyMetadata(manifest.Metadata),
            Files = manifest.Files,
            FormatVersion = 0,
            Root = manifest.Root,
            Scope = manifest.Scope,
            Skipped = manifest.Skipped,
            TotalFiles = manifest.TotalFiles,
            TotalWords = manifest.TotalWords,
            TotalSize = manifest.TotalSize,
        };
        using MemoryStream json = new();
        ManifestWriter.Write(seed, json);
        byte[] summary = Encoding.UTF8.GetBytes(SummaryMarkdown.Render(stored.Id, stored.Timestamp, seed));
        return new PortableCheckpoint(workspace, stored, manifest, json.ToArray(), summary);
    }

    /// <summary>The stored bytes of one file, decoded; <see cref="ErrorKind.Integrity"/> when missing.</summary>
    public Stream Open(ManifestFile file, out long length)
    {
        ContentLocation location = _stored.Locate(_manifest, file, _workspace.Objects)
            ?? throw Damaged(file, "missing", $"The content of '{file.Path}' is missing from checkpoint {Id}; run 'checkpoint verify'.");
        try
        {
            return StoredContent.Open(location, out length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Damaged(file, "missing", $"The content of '{file.Path}' is missing from checkpoint {Id}; run 'checkpoint verify'.");
        }
    }

    /// <summary>Copies one file's content to <paramref name="output"/>, checking its size and SHA-256 on the way: damage is not sent on.</summary>
    public void CopyVerified(ManifestFile file, Stream output, byte[] buffer)
    {
        using System.Security.Cryptography.IncrementalHash sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        long total = 0;
        try
        {
            // Opened inside: a small compressed entry is decoded as it opens, so its damage shows here, not in a read.
            using Stream content = Open(file, out _);
            // Never more than the recorded size goes out (a pack entry's header gave the size first).
            while (total < file.Size)
            {
                int read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, file.Size - total));
                if (read == 0)
                {
                    break;
                }
                sha.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                total += read;
            }
            if (total == file.Size && content.Read(buffer, 0, 1) > 0)
            {
                total++;
            }
        }
        catch (InvalidDataException)
        {
            throw Damaged(file, "mismatch", $"The content of '{file.Path}' in checkpoint {Id} is corrupt; run 'checkpoint verify'.");
        }
        if (total != file.Size || Convert.ToHexStringLower(sha.GetHashAndReset()) != file.Hash)
        {
            throw Damaged(file, "mismatch", $"The content of '{file.Path}' in checkpoint {Id} does not match its SHA-256; run 'checkpoint verify'.");
        }
    }

    private static CheckpointException Damaged(ManifestFile file, string problem, string message) =>
        new(ErrorKind.Integrity, message) { Damaged = [new DamagedFile(file.Path, problem)] };
}
