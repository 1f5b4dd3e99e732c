using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>
/// Every checkpoint id the store has handed out, in the order it handed them out: <c>ids</c>, one per line, appended
/// and fsynced under the writer lock before the checkpoint is published. An id in it is never handed out again,
/// even after its checkpoint is deleted or pruned, and its place in the file is the checkpoint's place in creation
/// order — which neither the folder's timestamp (the clock may step back: DST, NTP) nor its collision suffix (a
/// deleted <c>_2</c> would be reused below a live <c>_3</c>) can give.
/// </summary>
/// <remarks>
/// A checkpoint folder that is not in the file (a store from before it, a folder copied in by the seed's tool) is
/// older than every listed one; among themselves such folders keep the timestamp order. A kill mid-append leaves a
/// last line without its newline: it is ignored (that save never published).
/// </remarks>
internal static class IssuedIds
{
    /// <summary>Each issued id → its position (0 = first issued); empty for a store without the file.</summary>
    public static Dictionary<string, int> Read(StoreLayout layout)
    {
        Dictionary<string, int> positions = new(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(layout.IssuedIdsFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return positions;
        }
        for (int start = 0, end; (end = Array.IndexOf(bytes, (byte)'\n', start)) >= 0; start = end + 1)
        {
            if (end > start)
            {
                positions.TryAdd(Encoding.UTF8.GetString(bytes, start, end - start), positions.Count);
            }
        }
        return positions;
    }

    /// <summary>Records <paramref name="id"/> as issued, durably, before anything of its checkpoint exists. Call with the writer lock held.</summary>
    public static void Append(StoreLayout layout, string id)
    {
        using FileStream stream = new(layout.IssuedIdsFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 256);
        // A line cut short by a kill is ended first, so it cannot run into this id.
        bool cutShort = stream.Length > 0 && ReadLastByte(stream) != '\n';
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes((cutShort ? "\n" : "") + id + "\n"));
        stream.Flush(flushToDisk: true);
    }

    private static int ReadLastByte(FileStream stream)
    {
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte();
    }
}
