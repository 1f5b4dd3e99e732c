using System.Security.Cryptography;
using System.Text;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.WorkingTree;

/// <summary>
/// A symbolic link's content, as a checkpoint holds it: the target text exactly as the link stores it (relative or
/// absolute, dangling or not), UTF-8, as git stores a link. Reading never follows the link; restoring creates the link
/// itself and never writes through it.
/// </summary>
internal static class LinkTargets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The target text of the link at <paramref name="fullPath"/>.</summary>
    /// <exception cref="IOException">Nothing is there, or it is not a link (any more).</exception>
    public static string Read(string fullPath) =>
        new FileInfo(fullPath).LinkTarget ?? throw new IOException($"'{fullPath}' is not a symbolic link.");

    public static byte[] Encode(string target) => Encoding.UTF8.GetBytes(target);

    /// <summary>The target a stored link content names, or null when it cannot be one (empty, not UTF-8, a NUL).</summary>
    public static string? Decode(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || content.Contains((byte)0))
        {
            return null;
        }
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether the link at <paramref name="fullPath"/> (whose lstat is <paramref name="stat"/>) points where the entry says.</summary>
    public static bool Same(ManifestFile entry, string fullPath, FileStat stat)
    {
        if (stat.Kind != EntryKind.SymbolicLink)
        {
            return false;
        }
        try
        {
            byte[] content = Encode(Read(fullPath));
            return content.Length == entry.Size && Convert.ToHexStringLower(SHA256.HashData(content)) == entry.Hash;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
