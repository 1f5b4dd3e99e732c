using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Core.Store;

/// <summary>
/// Content-addressed file contents: <c>objects/ab/cdef…</c> holds the exact bytes whose SHA-256 is
/// <c>abcdef…</c>. An object appears only by rename of a complete temp file, so a crash never leaves a
/// truncated object under a real name; durability is batched by the caller (one <c>syncfs</c>).
/// </summary>
internal sealed class ObjectStore(StoreLayout layout)
{
    public StoreLayout Layout { get; } = layout;

    public string PathOf(string hash) => Layout.ObjectPath(hash);

    public bool Exists(string hash) => File.Exists(Layout.ObjectPath(hash));

    /// <summary>A fresh temp path in the store's tmp folder, unique within this process.</summary>
    public string NewTempPath(string hint) =>
        Path.Combine(Layout.Temp, $"{hint}.{Environment.ProcessId}.{Interlocked.Increment(ref s_tempCounter)}");

    private static long s_tempCounter;

    /// <summary>Stores <paramref name="content"/> under <paramref name="hash"/> unless it is there already; true when written.</summary>
    public bool Write(string hash, ReadOnlySpan<byte> content)
    {
        string final = Layout.ObjectPath(hash);
        if (File.Exists(final))
        {
            return false;
        }
        string temp = NewTempPath(hash);
        using (SafeFileHandle handle = NativeFileSystem.CreateNew(temp))
        {
            RandomAccess.Write(handle, content, 0);
        }
        File.Move(temp, final, overwrite: true);
        return true;
    }

    /// <summary>Moves a complete temp file into place as <paramref name="hash"/>, or drops it when the object exists.</summary>
    public bool Adopt(string temp, string hash)
    {
        string final = Layout.ObjectPath(hash);
        if (File.Exists(final))
        {
            File.Delete(temp);
            return false;
        }
        File.Move(temp, final, overwrite: true);
        return true;
    }

    /// <summary>Every object on disk: its hash, path and size.</summary>
    public IEnumerable<(string Hash, string Path, long Size)> EnumerateAll()
    {
        if (!Directory.Exists(Layout.Objects))
        {
            yield break;
        }
        foreach (string fanout in Directory.EnumerateDirectories(Layout.Objects))
        {
            string prefix = Path.GetFileName(fanout);
            foreach (FileInfo file in new DirectoryInfo(fanout).EnumerateFiles())
            {
                yield return (prefix + file.Name, file.FullName, file.Length);
            }
        }
    }
}
