using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Checkpoint.Core.Notes.Templates;

namespace Checkpoint.Core.Notes.Journal;

/// <summary>
/// The folder of day files (<c>memory/episodic/YYYY-MM-DD.md</c>) and appending entries to them.
/// A day file is rewritten through a temporary file and a rename, so a crash leaves either the old
/// notes or the new ones — never a truncated day. Appends from several processes (two editor windows,
/// the CLI, an agent) are serialised by a lock on <c>.journal.lock</c> in the folder.
/// </summary>
public sealed class EpisodicJournal
{
    /// <summary>Where the seed keeps the day files, relative to the workspace root.</summary>
    public const string DefaultRelativeFolder = "memory/episodic";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The lock file, in the folder, that appending processes take in turn.</summary>
    public const string LockFileName = ".journal.lock";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    // Appends in this process are serialised per file before they contend for the cross-process lock;
    // the rename keeps readers from ever seeing half a file.
    private static readonly ConcurrentDictionary<string, object> FileGates = new(StringComparer.Ordinal);

    /// <summary>A journal in <paramref name="folder"/> (created on the first append).</summary>
    public EpisodicJournal(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The journal of a workspace: <c>&lt;root&gt;/memory/episodic</c> unless another folder is given.</summary>
    /// <param name="root">The workspace root.</param>
    /// <param name="folder">The episodic folder, absolute or relative to <paramref name="root"/>.</param>
    public static EpisodicJournal ForWorkspace(string root, string folder = DefaultRelativeFolder) =>
        new(Path.Combine(root, folder));

    /// <summary>The absolute path of the folder holding the day files.</summary>
    public string Folder { get; }

    /// <summary>The path of a day's note, e.g. <c>…/memory/episodic/2026-02-13.md</c>.</summary>
    public string PathFor(DateOnly date) => Path.Combine(Folder, DayName(date) + ".md");

    /// <summary>Renders <paramref name="format"/> at <paramref name="time"/> and appends it to the day's note.</summary>
    public JournalAppendResult AppendTemplate(NoteFormat format, DateOnly date, TimeOnly time, int? contextPercent = null) =>
        Append(date, NoteTemplates.Render(format, time, contextPercent));

    /// <summary>
    /// Appends <paramref name="entryText"/> to the day's note: a new file starts with a <c># YYYY-MM-DD</c>
    /// title; a blank line separates the entry from what came before; the file keeps its line endings
    /// (and its BOM, if it had one).
    /// </summary>
    public JournalAppendResult Append(DateOnly date, string entryText)
    {
        ArgumentNullException.ThrowIfNull(entryText);
        var path = PathFor(date);
        lock (FileGates.GetOrAdd(path, _ => new object()))
        {
            Directory.CreateDirectory(Folder);
            using var otherProcesses = LockAgainstOtherProcesses();
            var (existing, hadBom) = ReadExisting(path);
            var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

            var prefix = new StringBuilder(existing);
            if (string.IsNullOrWhiteSpace(existing))
            {
                prefix.Clear().Append("# ").Append(DayName(date)).Append(newline).Append(newline);
            }
            else
            {
                if (!existing.EndsWith('\n')) prefix.Append(newline);
                if (!EndsWithBlankLine(prefix)) prefix.Append(newline);
            }

            var entry = entryText.Replace("\r\n", "\n").TrimEnd('\n').Replace("\n", newline) + newline;
            var line = CountLineBreaks(prefix);
            WriteReplacing(path, prefix.Append(entry).ToString(), hadBom);
            return new JournalAppendResult(path, entry, line);
        }
    }

    /// <summary>
    /// Holds the folder's lock file open exclusively. On Linux .NET implements <see cref="FileShare.None"/>
    /// with flock(2), an advisory lock the kernel drops when its holder dies, so a crashed appender never
    /// leaves a stale lock (the file itself stays; it is empty and harmless).
    /// </summary>
    private FileStream LockAgainstOtherProcesses()
    {
        var lockPath = Path.Combine(Folder, LockFileName);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                Thread.Sleep(10);
            }
            catch (IOException exception)
            {
                throw new CheckpointException(ErrorKind.Locked, $"Another process has been appending to the notes in {Folder} for {LockWait.TotalSeconds:0} s; try again ({lockPath}).", exception);
            }
        }
    }

    private static string DayName(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string Text, bool HadBom) ReadExisting(string path)
    {
        if (!File.Exists(path)) return ("", false);
        var bytes = File.ReadAllBytes(path);
        var hadBom = bytes.AsSpan().StartsWith(Utf8WithBom.Preamble);
        return (Utf8WithoutBom.GetString(bytes, hadBom ? 3 : 0, bytes.Length - (hadBom ? 3 : 0)), hadBom);
    }

    private static bool EndsWithBlankLine(StringBuilder text)
    {
        // The text ends with a line break here; blank means the line before that break is empty.
        var at = text.Length - 1;
        if (at >= 0 && text[at] == '\n') at--;
        if (at >= 0 && text[at] == '\r') at--;
        return at < 0 || text[at] == '\n';
    }

    private static int CountLineBreaks(StringBuilder text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') count++;
        }
        return count;
    }

    private static void WriteReplacing(string path, string content, bool withBom)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = (withBom ? Utf8WithBom : Utf8WithoutBom).GetPreamble().Concat(Utf8WithoutBom.GetBytes(content)).ToArray();
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
