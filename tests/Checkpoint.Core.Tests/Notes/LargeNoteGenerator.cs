using System.Globalization;
using System.Text;

namespace Checkpoint.Core.Tests.Notes;

/// <summary>
/// Writes a long day of notes for load tests and the benchmark: the seed's own examples in turn
/// (Full, Emergency, Quick Note, Pre-Operation with a snapshot, Survival), one minute apart.
/// 2,000 entries make about 1 MB.
/// </summary>
public static class LargeNoteGenerator
{
    private static readonly string[] Fixtures = ["full.md", "emergency.md", "quick-note.md", "pre-operation.md", "survival.md"];

    /// <summary>A note of <paramref name="entries"/> entries with LF line endings.</summary>
    public static string Generate(int entries = 2000)
    {
        var bodies = Fixtures.Select(EntryOf).ToArray();
        var text = new StringBuilder("# 2026-02-13\n\n", entries * 600);
        for (var i = 0; i < entries; i++)
        {
            var time = new TimeOnly(i / 60 % 24, i % 60).ToString("HH:mm", CultureInfo.InvariantCulture);
            text.Append(bodies[i % bodies.Length].Replace("{time}", time, StringComparison.Ordinal)).Append('\n');
        }
        return text.ToString();
    }

    // The fixture's entry (without its title), with the heading time replaced by a marker.
    private static string EntryOf(string fixture)
    {
        var text = File.ReadAllText(NoteFixtures.PathOf(fixture)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var entry = text[text.IndexOf("\n#", StringComparison.Ordinal)..].TrimStart('\n');
        var heading = entry[..entry.IndexOf('\n')];
        var time = System.Text.RegularExpressions.Regex.Match(heading, "[0-9]{2}:[0-9]{2}").Value;
        return heading.Replace(time, "{time}", StringComparison.Ordinal) + entry[heading.Length..].TrimEnd('\n') + "\n";
    }
}
