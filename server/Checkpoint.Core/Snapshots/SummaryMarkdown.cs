using System.Globalization;
using System.Text;
using System.Text.Json;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// CHECKPOINT_SUMMARY.md: what was saved, when, why, and how to get it back — for a person, not a parser. Every
/// list is capped (files, folders, skipped entries), so the summary of a 100k-file checkpoint stays a page a
/// person reads, not a second copy of checkpoint.json in every checkpoint folder.
/// </summary>
internal static class SummaryMarkdown
{
    private const int FileRowsShown = 200;
    private const int FolderRowsShown = 50;
    private const int SkippedRowsShown = 200;

    public static string Render(string id, string timestamp, Manifest manifest)
    {
        (long files, long words, long size) = Manifest.ComputeMetrics(manifest.Files);
        StringBuilder md = new();
        md.Append("# Checkpoint: ").Append(manifest.Name).Append("\n\n");
        md.Append("| | |\n|---|---|\n");
        md.Append("| **Saved** | ").Append(manifest.Timestamp.Replace('T', ' ')).Append(" |\n");
        md.Append("| **Stage** | ").Append(Cell(LineQuoting.Quote(manifest.Stage))).Append(" |\n");
        md.Append("| **Checkpoint** | `").Append(id).Append("` |\n");
        md.Append("| **Scope** | ").Append(DescribeScope(manifest.Scope)).Append(" |\n");
        md.Append("| **Files** | ").Append(Number(files)).Append(" |\n");
        md.Append("| **Words** | ").Append(Number(words)).Append(" |\n");
        md.Append("| **Size** | ").Append(Bytes(size)).Append(" |\n\n");

        if (manifest.Notes.Length > 0)
        {
            md.Append("## Notes\n\n");
            foreach (string line in manifest.Notes.Split('\n'))
            {
                md.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
            }
            md.Append('\n');
        }

        if (manifest.Metadata.Count > 0)
        {
            md.Append("## Metadata\n\n```json\n")
              .Append(manifest.Metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))
              .Append("\n```\n\n");
        }

        AppendFiles(md, manifest.Files);

        if (manifest.Skipped.Count > 0)
        {
            md.Append("## Not saved\n\n");
            foreach (SkippedEntry skipped in manifest.Skipped.Take(SkippedRowsShown))
            {
                md.Append("- `").Append(LineQuoting.Quote(skipped.Path)).Append("` — ").Append(LineQuoting.EscapeControls(skipped.Reason)).Append('\n');
            }
            if (manifest.Skipped.Count > SkippedRowsShown)
            {
                md.Append("- … and ").Append(Number(manifest.Skipped.Count - SkippedRowsShown)).Append(" more (listed under \"skipped\" in checkpoint.json)\n");
            }
            md.Append('\n');
        }

        md.Append("## How to resume\n\n```bash\n");
        md.Append("# preview what would change\n");
        md.Append("checkpoint resume --name ").Append(manifest.Name).Append(" --timestamp ").Append(timestamp).Append(" --dry-run\n");
        md.Append("# restore (a safety checkpoint of every file it overwrites is taken first)\n");
        md.Append("checkpoint resume --name ").Append(manifest.Name).Append(" --timestamp ").Append(timestamp).Append('\n');
        md.Append("# or restore into another folder to compare\n");
        md.Append("checkpoint resume --name ").Append(manifest.Name).Append(" --timestamp ").Append(timestamp).Append(" --target ./restored\n");
        md.Append("```\n");
        return md.ToString();
    }

    private static void AppendFiles(StringBuilder md, List<ManifestFile> files)
    {
        md.Append("## Files\n\n");
        if (files.Count == 0)
        {
            md.Append("_No files._\n\n");
            return;
        }
        if (files.Count > FileRowsShown)
        {
            AppendFolders(md, files);
            md.Append("The first ").Append(FileRowsShown).Append(" files (all of them are in checkpoint.json):\n\n");
        }
        md.Append("| File | Size | Words | Modified |\n|---|--:|--:|---|\n");
        int shown = Math.Min(files.Count, FileRowsShown);
        for (int i = 0; i < shown; i++)
        {
            ManifestFile file = files[i];
            md.Append("| `").Append(LineQuoting.Quote(file.Path).Replace("|", "\\|")).Append("` | ").Append(Bytes(file.Size))
              .Append(" | ").Append(Number(file.WordCount)).Append(" | ").Append(file.Modified.Replace('T', ' ')).Append(" |\n");
        }
        if (files.Count > shown)
        {
            md.Append("\n… and ").Append(Number(files.Count - shown)).Append(" more files.\n");
        }
        md.Append('\n');
    }

    private static void AppendFolders(StringBuilder md, List<ManifestFile> files)
    {
        // Paths are sorted, so each top-level folder is one contiguous run: one key string per folder, not per file.
        SortedDictionary<string, (long Files, long Size)> folders = new(StringComparer.Ordinal);
        string? runKey = null;
        long runFiles = 0, runSize = 0;
        foreach (ManifestFile file in files)
        {
            int slash = file.Path.IndexOf('/');
            ReadOnlySpan<char> top = slash < 0 ? "(top level)" : file.Path.AsSpan(0, slash + 1);
            if (runKey is null || !top.SequenceEqual(runKey))
            {
                Flush();
                runKey = top.ToString();
            }
            runFiles++;
            runSize += file.Size;
        }
        Flush();
        md.Append("| Folder | Files | Size |\n|---|--:|--:|\n");
        // The biggest folders are what a person looks for; 2,000 rows of them would bury the rest of the page.
        HashSet<string> shown = [.. folders.OrderByDescending(f => f.Value.Files).ThenBy(f => f.Key, StringComparer.Ordinal).Take(FolderRowsShown).Select(f => f.Key)];
        long otherFiles = 0, otherSize = 0;
        foreach ((string folder, (long count, long size)) in folders)
        {
            if (!shown.Contains(folder))
            {
                otherFiles += count;
                otherSize += size;
                continue;
            }
            md.Append("| `").Append(LineQuoting.Quote(folder).Replace("|", "\\|")).Append("` | ").Append(Number(count)).Append(" | ").Append(Bytes(size)).Append(" |\n");
        }
        if (folders.Count > shown.Count)
        {
            md.Append("| … and ").Append(Number(folders.Count - shown.Count)).Append(" more folders | ").Append(Number(otherFiles))
              .Append(" | ").Append(Bytes(otherSize)).Append(" |\n");
        }
        md.Append('\n');

        void Flush()
        {
            if (runKey is not null)
            {
                folders.TryGetValue(runKey, out (long Files, long Size) sum);
                folders[runKey] = (sum.Files + runFiles, sum.Size + runSize);
            }
            runFiles = runSize = 0;
        }
    }

    private static string DescribeScope(List<string>? scope)
    {
        if (scope is null || scope.Count == 0)
        {
            return "—";
        }
        List<string> parts = scope.ConvertAll(entry => entry.Length == 0 ? "the whole workspace" : $"`{LineQuoting.Quote(entry)}`");
        return string.Join(", ", parts);
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };
}
