using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// What a dry-run restore previewed, reduced to a fingerprint: the files it would create, overwrite and delete,
/// and the size and modification time of each existing one. A confirmation given for one preview is stale once
/// the fingerprint differs — for instance when a file was edited after the agent saw the diff.
/// </summary>
public static class RestorePreview
{
    /// <summary>The fingerprint of <paramref name="preview"/> (a dry run) as the files in its target stand now.</summary>
    public static string Fingerprint(ResumeResult preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        StringBuilder text = new();
        text.Append(preview.Id).Append('\n').Append(preview.Target).Append('\n');
        foreach (string path in preview.Created) text.Append("+ ").Append(path).Append(Stat(preview.Target, path)).Append('\n');
        foreach (string path in preview.Overwritten) text.Append("~ ").Append(path).Append(Stat(preview.Target, path)).Append('\n');
        foreach (string path in preview.Deleted) text.Append("- ").Append(path).Append(Stat(preview.Target, path)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Stat(string target, string path)
    {
        FileInfo file = new(Path.Combine(target, path));
        return file.Exists ? $" {file.Length} {file.LastWriteTimeUtc.Ticks}" : " absent";
    }
}
