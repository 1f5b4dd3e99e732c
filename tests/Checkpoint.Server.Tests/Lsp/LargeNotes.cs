using System.Text;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// Big days of notes for the memory tests: the mixed-day fixture's title and its fenced example once,
/// then its five entries (a quick note, Full, Pre-Operation, Emergency, Survival) over and over.
/// </summary>
internal static class LargeNotes
{
    /// <summary>Entries in each repetition of the fixture's entries.</summary>
    public const int EntriesPerRepeat = 5;

    /// <summary>A note of at least <paramref name="characters"/> characters, and how many entries it has.</summary>
    public static (string Text, int Entries) Generate(int characters)
    {
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lsp", "Fixtures", "2026-02-14.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var firstEntry = fixture.IndexOf("### 09:40 Note", StringComparison.Ordinal);
        var entries = fixture[firstEntry..].TrimEnd('\n') + "\n\n";
        var text = new StringBuilder(fixture[..firstEntry], characters + entries.Length);
        var repeats = 0;
        while (text.Length < characters)
        {
            text.Append(entries);
            repeats++;
        }
        return (text.ToString(), repeats * EntriesPerRepeat);
    }
}
