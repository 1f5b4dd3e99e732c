namespace Checkpoint.Core.Store;

/// <summary>
/// A saved file's mode, as <see cref="ManifestFile.Mode"/> and the folder trees hold it: 0 when none was recorded (a
/// checkpoint from before format 3, a file saved on Windows), else a regular file's <c>st_mode</c>, <c>0o100000</c> plus
/// the permission bits (<c>0o100644</c>, <c>0o100755</c>: what git writes). Only the permission bits (<c>0777</c>) are
/// ever recorded or applied: setuid, setgid and sticky never travel. checkpoint.json spells the bits as four octal
/// digits, <c>"mode": "0755"</c>.
/// </summary>
internal static class FileModes
{
    public const int NotRecorded = 0;

    /// <summary><c>S_IFREG</c>: marks a recorded mode (so <c>0000</c> is a mode, not its absence).</summary>
    public const int RegularFile = 0x8000;

    /// <summary><c>0777</c>.</summary>
    public const int PermissionBits = 0x1FF;

    /// <summary>The mode to record for a regular file of this stat; <see cref="NotRecorded"/> where the layer reads none.</summary>
    public static int Of(FileStat stat) => stat.Mode == 0 ? NotRecorded : RegularFile | (stat.Mode & PermissionBits);

    public static bool IsValid(int mode) => mode == NotRecorded || (mode & ~PermissionBits) == RegularFile;

    public static UnixFileMode Permissions(int mode) => (UnixFileMode)(mode & PermissionBits);

    /// <summary>The four octal digits of checkpoint.json and of diff's output: <c>0755</c>.</summary>
    public static string Text(int mode) => Convert.ToString(mode & PermissionBits, 8).PadLeft(4, '0');

    /// <summary>A checkpoint.json mode: exactly four octal digits, <c>0000</c> to <c>0777</c>; anything else is malformed.</summary>
    public static int Parse(string text)
    {
        if (text.Length != 4 || !text.All(c => c is >= '0' and <= '7') || Convert.ToInt32(text, 8) > PermissionBits)
        {
            throw new FormatException($"mode \"{text}\" is not permission bits (four octal digits, 0000 to 0777)");
        }
        return RegularFile | Convert.ToInt32(text, 8);
    }
}
