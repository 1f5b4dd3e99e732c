namespace Checkpoint.Core.Store;

/// <summary>
/// Which names the folders of this system can hold. A checkpoint saved on Linux may hold names Windows cannot
/// create or reads as something else: a device (<c>nul</c>, <c>con</c>, <c>com1.txt</c> — a write to <c>nul</c>
/// goes nowhere, and a tool that then deleted "nul" wrecked a whole project: Roo Code #7216), a name Windows
/// trims (a trailing dot or space: two saved names become one file), an alternate data stream (<c>a:b</c> writes
/// into <c>a</c>), or two names that differ only in letter case (on a case-insensitive file system one overwrites
/// the other). A restore skips each such file and says why; everything else is restored.
/// </summary>
internal sealed class NameRules
{
    /// <summary>Linux and the other case-sensitive systems: any name a manifest may hold (<see cref="ManifestPaths"/>) can be written.</summary>
    public static readonly NameRules Posix = new("posix", windowsNames: false, ignoreCase: false);

    /// <summary>macOS: APFS and HFS+ ignore letter case by default.</summary>
    public static readonly NameRules CaseInsensitive = new("case-insensitive", windowsNames: false, ignoreCase: true);

    /// <summary>Windows: NTFS ignores letter case and the Win32 layer reserves device names and characters.</summary>
    public static readonly NameRules Windows = new("windows", windowsNames: true, ignoreCase: true);

    private NameRules(string name, bool windowsNames, bool ignoreCase)
    {
        Name = name;
        WindowsNames = windowsNames;
        IgnoreCase = ignoreCase;
    }

    public string Name { get; }

    /// <summary>Device names, <c>&lt;&gt;:"|?*</c>, control characters and a trailing dot or space cannot be written.</summary>
    public bool WindowsNames { get; }

    /// <summary>Names that differ only in letter case are the same entry.</summary>
    public bool IgnoreCase { get; }

    /// <summary>True when every name <see cref="ManifestPaths"/> allows can be written as is (nothing to check).</summary>
    public bool AcceptsAll => !WindowsNames && !IgnoreCase;

    /// <summary>How paths compare on this system.</summary>
    public StringComparer Comparer => IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static NameRules ForHost() =>
        OperatingSystem.IsWindows() ? Windows
        : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsMacCatalyst() ? CaseInsensitive
        : Posix;

    /// <summary>Why this system cannot hold <paramref name="path"/> (relative, <c>/</c>-separated, already safe by <see cref="ManifestPaths"/>), or null.</summary>
    public string? Problem(string path)
    {
        if (!WindowsNames)
        {
            return null;
        }
        for (ReadOnlySpan<char> rest = path; ;)
        {
            int slash = rest.IndexOf('/');
            ReadOnlySpan<char> segment = slash < 0 ? rest : rest[..slash];
            if (WindowsProblem(segment) is { } problem)
            {
                return $"'{segment}' {problem}";
            }
            if (slash < 0)
            {
                return null;
            }
            rest = rest[(slash + 1)..];
        }
    }

    private const string WindowsReservedCharacters = "<>:\"|?*";

    /// <summary>Why Windows cannot hold a file or folder named <paramref name="name"/>, or null.</summary>
    internal static string? WindowsProblem(ReadOnlySpan<char> name)
    {
        foreach (char c in name)
        {
            if (c < ' ')
            {
                return "holds a control character, which Windows does not allow in names";
            }
            if (WindowsReservedCharacters.Contains(c))
            {
                return c == ':'
                    ? "holds ':', which Windows reads as a stream of another file"
                    : $"holds '{c}', which Windows does not allow in names";
            }
        }
        if (name.Length > 0 && name[^1] is '.' or ' ')
        {
            return "ends with a dot or a space, which Windows removes (the file would take another name)";
        }
        // A device name is reserved with any extension ("nul.txt") and with spaces before it ("nul .txt").
        int dot = name.IndexOf('.');
        ReadOnlySpan<char> stem = (dot < 0 ? name : name[..dot]).TrimEnd(' ');
        return IsDeviceName(stem) ? "is a device name on Windows (writing it would not create a file)" : null;
    }

    private static bool IsDeviceName(ReadOnlySpan<char> stem)
    {
        if (stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase) ||
            stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase) ||
            stem.Equals("CONIN$", StringComparison.OrdinalIgnoreCase) || stem.Equals("CONOUT$", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // COM0–COM9 and LPT0–LPT9, and the superscript digits ¹ ² ³ Windows also accepts there.
        return stem.Length == 4 &&
            (stem[..3].Equals("COM", StringComparison.OrdinalIgnoreCase) || stem[..3].Equals("LPT", StringComparison.OrdinalIgnoreCase)) &&
            (char.IsAsciiDigit(stem[3]) || stem[3] is '¹' or '²' or '³');
    }
}
