using System.Text;

namespace Checkpoint.Core.Store;

/// <summary>Names as the file system holds them (bytes on Linux) and as paths can carry them (UTF-16 strings).</summary>
internal static class EntryNames
{
    /// <summary>
    /// <paramref name="name"/> for people: valid UTF-8 decoded, each byte of an invalid sequence as <c>\xHH</c> (so
    /// <c>bad\xFF.txt</c>). Only for messages and skipped entries; such a name cannot be opened through a string.
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> name)
    {
        StringBuilder text = new(name.Length + 8);
        while (!name.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(name, out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                name = name[consumed..];
            }
            else
            {
                text.Append(@"\x").Append(name[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                name = name[1..];
            }
        }
        return text.ToString();
    }

    /// <summary>Why a save leaves out an entry whose name is not valid UTF-8 (<paramref name="folder"/>: with everything below it).</summary>
    public static string InvalidNameReason(bool folder) => folder
        ? "folder name is not valid UTF-8: the folder and everything in it were not saved (rename it to save them)"
        : "name is not valid UTF-8: not saved (rename it to save it)";
}
