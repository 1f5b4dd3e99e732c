using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using ZstdSharp;

namespace Checkpoint.Core.Store;

/// <summary>
/// A trained Zstandard dictionary, kept content-addressed as <c>objects/dict/&lt;SHA-256 of its bytes&gt;</c> (the raw
/// dictionary as zstd's trainer writes it, <c>zstd -D</c> reads it). A v3 pack index names the dictionary its
/// <see cref="ObjectCodec.ZstdDictionary"/> entries were compressed with; every reader of the pack shares one instance
/// (per store opened), which reads the file once and checks it against its name before any entry is decoded with it.
/// A dictionary that is gone surfaces as <see cref="FileNotFoundException"/>, one whose bytes are not its name as
/// <see cref="InvalidDataException"/> — the same "missing" and "mismatch" as a damaged object.
/// </summary>
internal sealed class PackDictionary
{
    /// <summary>Folder of the dictionaries, beside the packs.</summary>
    public const string FolderName = "dict";

    /// <summary>A save trains a dictionary only from at least this many bytes of new small contents …</summary>
    public const int MinimumSampleBytes = 256 * 1024;

    /// <summary>… read from at most this many bytes of them, spread over the save's files (0.34 kept from 1 MB as from 4 MB).</summary>
    public const int SampleBytes = 1 << 20;

    /// <summary>… and at least this many files (the trainer refuses fewer).</summary>
    public const int MinimumSampleFiles = 16;

    private readonly Lock _gate = new();
    private byte[]? _bytes;
    private string? _failure;
    private bool _missing;

    public PackDictionary(string hash, string path)
    {
        Hash = hash;
        Path = path;
    }

    private PackDictionary(string hash, string path, byte[] bytes) : this(hash, path) => _bytes = bytes;

    /// <summary>SHA-256 of the dictionary's bytes, 64 lowercase hex digits: its file name.</summary>
    public string Hash { get; }

    public string Path { get; }

    internal ConcurrentBag<Compressor> Compressors { get; } = [];

    internal ConcurrentBag<Decompressor> Decompressors { get; } = [];

    /// <summary>The dictionary's bytes, read and checked once.</summary>
    /// <exception cref="FileNotFoundException">The dictionary file is gone.</exception>
    /// <exception cref="InvalidDataException">Its bytes are not the ones its name is the SHA-256 of.</exception>
    public byte[] Bytes
    {
        get
        {
            lock (_gate)
            {
                if (_bytes is null && _failure is null)
                {
                    Load();
                }
                if (_bytes is not null)
                {
                    return _bytes;
                }
                throw _missing ? new FileNotFoundException(_failure, Path) : new InvalidDataException(_failure);
            }
        }
    }

    /// <summary>Null when the dictionary reads back as its name says, else what is wrong with it ("missing" or "mismatch").</summary>
    public string? Problem()
    {
        try
        {
            _ = Bytes;
            return null;
        }
        catch (FileNotFoundException)
        {
            return "missing";
        }
        catch (InvalidDataException)
        {
            return "mismatch";
        }
    }

    private void Load()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            (_missing, _failure) = (true, $"compression dictionary {Hash[..12]}… is missing from the store (objects/{FolderName}/)");
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _failure = $"compression dictionary {Hash[..12]}… cannot be read: {e.Message}";
            return;
        }
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != Hash)
        {
            _failure = $"compression dictionary {Hash[..12]}… does not match its SHA-256";
            return;
        }
        _bytes = bytes;
    }

    /// <summary>Where dictionary <paramref name="hash"/> lives in <paramref name="layout"/>.</summary>
    public static string PathOf(StoreLayout layout, string hash) => System.IO.Path.Combine(layout.Dictionaries, hash);

    /// <summary>
    /// Stores <paramref name="bytes"/> as a dictionary (temp file, then rename: it appears whole or not at all; made
    /// durable by the save's syncfs with the packs that name it, before any checkpoint.json does).
    /// </summary>
    public static PackDictionary Write(StoreLayout layout, byte[] bytes, string tempPath)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(layout.Dictionaries);
        string path = PathOf(layout, hash);
        if (!File.Exists(path))
        {
            using (SafeFileHandle handle = FileSystem.Current.CreateNew(tempPath))
            {
                RandomAccess.Write(handle, bytes, 0);
                FileSystem.Current.WroteStoreFile(handle);
            }
            File.Move(tempPath, path, overwrite: true);
        }
        return new PackDictionary(hash, path, bytes);
    }

    /// <summary>Every dictionary file in the store: hash and path (names that are not 64 hex digits are not ours).</summary>
    public static IEnumerable<(string Hash, string Path, DateTime Written)> Enumerate(StoreLayout layout)
    {
        if (!Directory.Exists(layout.Dictionaries))
        {
            yield break;
        }
        foreach (FileInfo file in new DirectoryInfo(layout.Dictionaries).EnumerateFiles())
        {
            if (IsHash(file.Name))
            {
                yield return (file.Name, file.FullName, file.LastWriteTimeUtc);
            }
        }
    }

    /// <summary>True for 64 lowercase hex digits.</summary>
    public static bool IsHash(string name) => name.Length == 64 && name.All(static c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
