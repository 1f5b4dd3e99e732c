using System.Text;
using Checkpoint.Core.Store;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Snapshots;

/// <summary>One file's unified diff, checkpoint → working tree.</summary>
/// <param name="Status"><c>added</c> (only in the working tree), <c>removed</c> (only in the checkpoint) or <c>changed</c>.</param>
/// <param name="Binary">Not text (a NUL byte or invalid UTF-8): no diff, only the status.</param>
/// <param name="Unified">The diff text, absent for binary files and files past the overall budget.</param>
/// <param name="Truncated">The diff was cut (size or distance bound) or left out (budget spent).</param>
public sealed record FileTextDiff(string Path, string Status, bool Binary, string? Unified, bool Truncated);

/// <summary>
/// Unified diffs for the files a <see cref="DiffResult"/> lists, read from the store and the working tree. The
/// budget bounds the sum of the diffs; files past it keep their status with no text.
/// </summary>
internal static class TextDiffer
{
    private const int BinaryProbe = 8000;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<FileTextDiff> Render(CheckpointEngine engine, CheckpointRef checkpoint, DiffResult diff, IReadOnlyList<string>? paths, int maxBytes)
    {
        List<(string Path, string Status)> files =
        [
            .. diff.Changed.Select(p => (p, "changed")),
            .. diff.Added.Select(p => (p, "added")),
            .. diff.Removed.Select(p => (p, "removed")),
        ];
        files.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
        List<FileTextDiff> diffs = [];
        int left = maxBytes;
        foreach ((string path, string status) in files)
        {
            if (!PathSelection.AnySelects(paths, path))
            {
                continue;
            }
            if (left <= 0)
            {
                diffs.Add(new FileTextDiff(path, status, false, null, true));
                continue;
            }
            byte[]? before = status == "added" ? null : engine.ReadFile(checkpoint, path).Bytes;
            byte[]? after = status == "removed" ? null : ReadWorking(engine.Root, path);
            if (Text(before) is not { } beforeText || Text(after) is not { } afterText)
            {
                diffs.Add(new FileTextDiff(path, status, true, null, false));
                continue;
            }
            string unified = UnifiedDiff.Render(path, before is null ? null : beforeText, after is null ? null : afterText, left, out bool truncated);
            left -= Encoding.UTF8.GetByteCount(unified);
            diffs.Add(new FileTextDiff(path, status, false, unified, truncated));
        }
        return diffs;
    }

    private static byte[]? ReadWorking(string root, string path)
    {
        try
        {
            // A link is compared as what a checkpoint holds of it, its target text: never followed.
            string full = Path.Combine(root, path);
            return FileSystem.Current.LStat(full).Kind == EntryKind.SymbolicLink ? LinkTargets.Encode(LinkTargets.Read(full)) : File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // deleted since the diff was taken
        }
    }

    /// <summary>The text of <paramref name="bytes"/> ("" for none), or null when it is not text.</summary>
    private static string? Text(byte[]? bytes)
    {
        if (bytes is null)
        {
            return "";
        }
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbe)).IndexOf((byte)0) >= 0)
        {
            return null;
        }
        try
        {
            int skip = bytes.AsSpan().StartsWith(StrictUtf8Preamble) ? 3 : 0;
            return StrictUtf8.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> StrictUtf8Preamble => [0xEF, 0xBB, 0xBF];
}
