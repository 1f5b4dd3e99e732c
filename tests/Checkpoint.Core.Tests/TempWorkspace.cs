using System.Security.Cryptography;
using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests;

/// <summary>A real workspace folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempWorkspace : IDisposable
{
    /// <param name="compressionMinimumLength">Raises (or lowers) the length below which contents are kept as is (default 64 bytes).</param>
    /// <param name="inlineFileLimit">Lowers the store's inline limit so small checkpoints take the trees-only form.</param>
    public TempWorkspace(int? compressionMinimumLength = null, int? inlineFileLimit = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "ckpt-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Engine = new CheckpointEngine(Root)
        {
            CompressionMinimumLength = compressionMinimumLength ?? ObjectCompression.DefaultMinimumLength,
            InlineFileLimit = inlineFileLimit ?? Manifest.DefaultInlineFileLimit,
        };
    }

    public string Root { get; }

    public CheckpointEngine Engine { get; }

    public string Store => Engine.StorePath;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string content)
    {
        string full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        string full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    /// <summary>Every file under <paramref name="folder"/> (default: the root, store excluded) → SHA-256 and mtime: a before/after fingerprint.</summary>
    public SortedDictionary<string, string> Fingerprint(string? folder = null)
    {
        string top = folder ?? Root;
        SortedDictionary<string, string> result = new(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(top, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (file.StartsWith(Store + "/", StringComparison.Ordinal))
            {
                continue;
            }
            string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            result[Path.GetRelativePath(top, file)] = $"{hash} {File.GetLastWriteTimeUtc(file).Ticks}";
        }
        foreach (string dir in Directory.EnumerateDirectories(top, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (!dir.StartsWith(Store, StringComparison.Ordinal))
            {
                result[Path.GetRelativePath(top, dir) + "/"] = "dir";
            }
        }
        return result;
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Distinct contents in the store: loose objects plus packed ones.</summary>
    public int ObjectCount()
    {
        ObjectStore objects = new(new StoreLayout(Store));
        return objects.EnumerateLoose().Count() + objects.PackFiles().Sum(p => PackIndex.Read(p.Index).Count);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed mid-way may hold a file open; the temp folder is cleaned by the OS eventually.
        }
    }
}
