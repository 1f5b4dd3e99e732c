using System.Globalization;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// An episodic day note that travels in a checkpoint's git commit beside its files (<c>push --with-notes</c>), at
/// <c>notes/&lt;YYYY-MM-DD&gt;.md</c>: the whole day file of the notes folder that has an entry linking the checkpoint
/// (<c>**Snapshot:** &lt;id&gt;</c>). Only that shape is accepted from a remote: a single file name that is a day, so no
/// path in a commit can name anything outside the notes folder.
/// </summary>
/// <param name="Name">The day file's name, e.g. <c>2026-12-02.md</c>.</param>
/// <param name="Content">Its bytes, exactly as on disk.</param>
internal sealed record TravellingNote(string Name, byte[] Content)
{
    /// <summary>The folder of a checkpoint's commit that holds its notes.</summary>
    public const string Folder = "notes";

    /// <summary>The path of a note in the commit's tree.</summary>
    public static string PathOf(string name) => $"{Folder}/{name}";

    /// <summary>True for a day note's file name, <c>YYYY-MM-DD.md</c> (a real date): nothing else is a travelling note.</summary>
    public static bool IsDayFileName(string name) =>
        name.Length == "yyyy-MM-dd.md".Length && name.EndsWith(".md", StringComparison.Ordinal)
        && DateOnly.TryParseExact(name[..^3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && name.All(c => c is (>= '0' and <= '9') or '-' or '.' or 'm' or 'd');
}

/// <summary>
/// Writes the notes a pulled checkpoint's commit carries into the workspace's notes folder, never over a different
/// note: a day file that is absent is written (through a temporary file and a rename), one with the same bytes is left
/// as it is, and when a different note of that day is here (or the name is a link or a folder) the local one is kept
/// and the remote's is written beside it as <c>YYYY-MM-DD.&lt;checkpoint id&gt;.md</c> — not a day file, so the journal
/// never reads the same entries twice. Only when that name too holds something else is the note refused, with a
/// message. The names were checked against the day-file shape before the checkpoint was imported.
/// </summary>
internal static class TravellingNotes
{
    public static List<TransferredNote> Write(TransferRepository repository, string checkpointId, IReadOnlyDictionary<string, string> notes, string folder, CancellationToken cancellationToken)
    {
        List<TransferredNote> results = [];
        List<string> names = [.. notes.Keys.Order(StringComparer.Ordinal)];
        Directory.CreateDirectory(folder);
        using GitBlobReader reader = new(repository.Git, [.. names.Select(n => notes[n])], cancellationToken);
        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (Stream? content = reader.Next(out _))
                {
                    if (content is null)
                    {
                        results.Add(new TransferredNote(name, "refused", Message: $"The note {name} of checkpoint {checkpointId} is missing from what was fetched; nothing was written."));
                        continue;
                    }
                    using FileStream output = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                    content.CopyTo(output, 1 << 16);
                    output.Flush(flushToDisk: true);
                }
                string target = Path.Combine(folder, name);
                Placed placed = Place(temp, target);
                if (placed is Placed.Written or Placed.Identical)
                {
                    results.Add(new TransferredNote(name, placed == Placed.Written ? "written" : "identical", target));
                    continue;
                }
                string beside = Path.Combine(folder, $"{name[..^3]}.{checkpointId}.md");
                results.Add(Place(temp, beside) switch
                {
                    Placed.Written or Placed.Identical => new TransferredNote(name, "beside", beside,
                        $"This workspace has a different {name}; it was kept, and the note of checkpoint {checkpointId} is beside it as {Path.GetFileName(beside)}."),
                    _ => new TransferredNote(name, "refused", Message:
                        $"This workspace has a different {name} and a different {Path.GetFileName(beside)}; both were kept and the note of checkpoint {checkpointId} was not written."),
                });
            }
            finally
            {
                File.Delete(temp);
            }
        }
        return results;
    }

    private enum Placed { Written, Identical, Different }

    /// <summary>Moves <paramref name="temp"/> to <paramref name="target"/> when nothing is there; otherwise compares, and never replaces.</summary>
    private static Placed Place(string temp, string target)
    {
        FileInfo info = new(target);
        if (info.LinkTarget is not null || Directory.Exists(target))
        {
            return Placed.Different; // never written through a link, never over a folder
        }
        if (!info.Exists)
        {
            try
            {
                File.Move(temp, target, overwrite: false);
                return Placed.Written;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Written by someone else meanwhile: compare with theirs.
            }
        }
        return SameBytes(temp, target) ? Placed.Identical : Placed.Different;
    }

    private static bool SameBytes(string a, string b)
    {
        using FileStream first = new(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using FileStream second = new(b, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (first.Length != second.Length)
        {
            return false;
        }
        byte[] left = new byte[1 << 16], right = new byte[1 << 16];
        while (true)
        {
            int read = first.ReadAtLeast(left, left.Length, throwOnEndOfStream: false);
            int other = second.ReadAtLeast(right, read == 0 ? 1 : read, throwOnEndOfStream: false);
            if (read != other || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, other)))
            {
                return false;
            }
            if (read == 0)
            {
                return true;
            }
        }
    }
}
