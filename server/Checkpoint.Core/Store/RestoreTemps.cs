using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>
/// The temp files a resume stages in the working tree (<c>.ckpt-restore-&lt;pid&gt;-&lt;n&gt;.tmp</c> beside each destination),
/// and the journal that lets the next run remove them when the resume was killed before it renamed or removed them:
/// the journal (<c>tmp/restore-&lt;pid&gt;-&lt;n&gt;.journal</c>, the temps' absolute paths separated by NUL, since a folder
/// name may hold a newline) is written before the first temp is created and deleted once none is left. Resumes take
/// the writer lock, so a journal found by a lock holder belongs to a dead resume.
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

    /// <summary>Records <paramref name="temps"/> (durably enough for a killed process: the kernel has the bytes) and returns the journal's path.</summary>
    public static string WriteJournal(StoreLayout layout, IEnumerable<string> temps)
    {
        Directory.CreateDirectory(layout.Temp);
        string journal = Path.Combine(layout.Temp, $"restore-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}{JournalSuffix}");
        using FileStream stream = new(journal, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (string temp in temps)
        {
            stream.Write(Encoding.UTF8.GetBytes(temp));
            stream.WriteByte(0);
        }
        return journal;
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
}
