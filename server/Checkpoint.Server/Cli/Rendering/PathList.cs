using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Cli.Rendering;

/// <summary>A titled list of paths, cut short for huge trees (the full list is in <c>--json</c>).</summary>
internal static class PathList
{
    private const int MaxShown = 100;

    public static void Write(TextWriter output, string title, string marker, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            return;
        output.WriteLine($"{title}:");
        foreach (var path in paths.Take(MaxShown))
            output.WriteLine($"  {marker} {LineQuoting.Quote(path)}");
        if (paths.Count > MaxShown)
            output.WriteLine($"  … and {Units.Count(paths.Count - MaxShown)} more (--json lists them all)");
    }
}
