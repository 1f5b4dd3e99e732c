using System.Text;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A folder of many markdown files, big enough that saving it takes a noticeable time. Every
/// <see cref="Write"/> with a new generation gives every file new content, so the next save has real
/// work to do (nothing deduplicates against earlier saves).
/// </summary>
internal sealed class GeneratedTree(TestWorkspace workspace, string folder, int fileCount, int fileSize)
{
    private static readonly string Filler = string.Join(' ', Enumerable.Range(0, 64).Select(word => $"lorem{word}"));

    public string Folder { get; } = folder;
    public int FileCount { get; } = fileCount;

    public void Write(int generation)
    {
        var body = new StringBuilder(fileSize + 128);
        while (body.Length < fileSize)
            body.Append(Filler).Append('\n');
        var filler = body.ToString(0, fileSize);
        for (var index = 0; index < FileCount; index++)
        {
            // Spread over sub-folders as a real workspace would be; the header makes every file unique.
            var relative = $"{Folder}/part-{index % 20:00}/section-{index:00000}.md";
            workspace.Write(relative, $"# Section {index}, generation {generation}\n\n{filler}");
        }
    }
}
