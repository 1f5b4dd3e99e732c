using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>
/// The temp files a resume stages in the working tree (<c>.ckpt-restore-&lt;pid&gt;-&lt;n&gt;.tmp</c> beside each destination),
/// and the journal that lets the next run remove them when the resume was killed before it renamed or removed them:
/// the journal (<c>tmp/restore-&lt;pid&gt;-&lt;n&gt;.journal</c>, the temps' absolute paths separated by NUL, since a folder
/// name may hold a newline) is written before the first temp is created and deleted once none is left. A resume into the
/// root holds the writer lock; one into another folder only reads the store and takes no lock (so it works from a
/// read-only store, where it writes no journal). Each resume therefore keeps its journal open with an exclusive advisory
/// lock (FileShare.None; the kernel drops it when the process dies), and a lock holder removes only journals it can lock.
/// </summary>
internal static class RestoreTemps
{
    private const string Prefix = ".ckpt-restore-";
    private const string Suffix = ".tmp";
    private const string JournalSuffix = ".journal";
    private static long s_counter;

    /// <summary>True for the name of a staged temp: never saved, never shown by diff, removed by the next run.</summary>
    public static bool IsTempName(ReadOnlySpan<char> name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>A fresh temp path beside <paramref name="destination"/>.</summary>
    public static string TempBeside(string destination) =>
        Path.Combine(Path.GetDirectoryName(destination)!, $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}{Suffix}");

    /// <summary>
    /// Records <paramref name="temps"/> (durably enough for a killed process: the kernel has the bytes) and returns the
    /// journal, still open: dispose it once the resume is done with its temps (its path is <see cref="FileStream.Name"/>).
    /// </summary>
    public static FileStream WriteJournal(StoreLayout layout, IEnumerable<string> temps)
    {
        Directory.CreateDirectory(layout.Temp);
        string journal = Path.Combine(layout.Temp, $"restore-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}{JournalSuffix}");
        FileStream stream = new(journal, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            foreach (string temp in temps)
            {
                stream.Write(Encoding.UTF8.GetBytes(temp));
                stream.WriteByte(0);
            }
            stream.Flush();
            return stream;
        }
        catch
        {
            stream.Dispose();
            StoreMaintenance.DeleteEntry(journal);
            throw;
        }
    }

    /// <summary>Removes the temps a killed resume listed in <paramref name="journal"/> (only files named as our temps), then the journal.</summary>
    public static void CleanUp(string journal)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(journal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        // A journal cut short by the kill ends without a NUL: its last path is incomplete and skipped.
        for (int start = 0, end; (end = Array.IndexOf(bytes, (byte)0, start)) >= 0; start = end + 1)
        {
            string temp = Encoding.UTF8.GetString(bytes, start, end - start);
            if (IsTempName(Path.GetFileName(temp.AsSpan())) && FileSystem.Current.LStat(temp).IsFile)
            {
                StoreMaintenance.DeleteEntry(temp);
            }
        }
        StoreMaintenance.DeleteEntry(journal);
    }

    public static bool IsJournal(string path) => path.EndsWith(JournalSuffix, StringComparison.Ordinal);

    /// <summary>True while a resume still holds <paramref name="journal"/> open (<see cref="WriteJournal"/>): it may still be staging.</summary>
    public static bool OwnerRuns(string journal)
    {
        try
        {
            using FileStream probe = new(journal, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException) when (File.Exists(journal))
        {
            return true; // locked by its owner
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
