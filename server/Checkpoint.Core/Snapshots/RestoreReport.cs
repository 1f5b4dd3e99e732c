using System.Globalization;
using System.Text;

namespace Checkpoint.Core.Snapshots;

/// <summary>The <c>--report</c> markdown: what was restored, verified, skipped and failed.</summary>
internal static class RestoreReport
{
    private const int ListLimit = 1000;

    public static string Render(ResumeResult result, bool noVerify, IReadOnlyList<DamagedFile> damaged)
    {
        StringBuilder md = new();
        md.Append(result.DryRun ? "# Restore preview: " : "# Restore report: ").Append(result.Id).Append("\n\n");
        md.Append("| | |\n|---|---|\n");
        md.Append("| **When** | ").Append(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" |\n");
        md.Append("| **Target** | `").Append(LineQuoting.Quote(result.Target)).Append("` |\n");
        md.Append("| **Mode** | ").Append(result.DryRun ? "dry run — nothing was written" : "restore").Append(" |\n");
        md.Append("| **Verification** | ").Append(Verification(result, noVerify, damaged.Count)).Append(" |\n");
        if (result.SafetyCheckpoint is not null)
        {
            md.Append("| **Safety checkpoint** | `").Append(result.SafetyCheckpoint).Append("` |\n");
        }
        md.Append('\n');

        md.Append("| Outcome | Files |\n|---|--:|\n");
        md.Append("| Created | ").Append(result.Created.Count).Append(" |\n");
        md.Append("| Overwritten | ").Append(result.Overwritten.Count).Append(" |\n");
        md.Append("| Deleted (mirror) | ").Append(result.Deleted.Count).Append(" |\n");
        md.Append("| Unchanged (skipped) | ").Append(result.Unchanged.Count).Append(" |\n");
        md.Append("| Left alone (not in the checkpoint) | ").Append(result.LeftAlone).Append(" |\n");
        md.Append("| Failed | ").Append(result.Failed.Count).Append(" |\n\n");

        if (damaged.Count > 0)
        {
            md.Append("## Verification failures\n\n");
            foreach (DamagedFile file in damaged)
            {
                md.Append("- `").Append(LineQuoting.Quote(file.Path)).Append("` — ").Append(file.Problem == "missing" ? "content missing from the store" : "content does not match its SHA-256").Append('\n');
            }
            md.Append('\n');
        }
        List(md, result.DryRun ? "Would be created" : "Restored: created", result.Created);
        List(md, result.DryRun ? "Would be overwritten" : "Restored: overwritten", result.Overwritten);
        List(md, result.DryRun ? "Would be deleted" : "Deleted", result.Deleted);
        if (!result.DryRun && result.Verified)
        {
            md.Append("## Verified\n\nEvery written file's content was hashed on the way and matched the checkpoint's SHA-256 (")
              .Append(result.Created.Count + result.Overwritten.Count).Append(" files).\n\n");
        }
        List(md, "Skipped: already identical", result.Unchanged);
        if (result.Failed.Count > 0)
        {
            md.Append("## Failed\n\n");
            foreach (FailedFile file in result.Failed)
            {
                md.Append("- `").Append(LineQuoting.Quote(file.Path)).Append("` — ").Append(LineQuoting.EscapeControls(file.Reason)).Append('\n');
            }
            md.Append('\n');
        }
        if (result.SafetyCheckpoint is not null)
        {
            int split = result.SafetyCheckpoint.LastIndexOf("-pre-restore_", StringComparison.Ordinal);
            string name = split < 0 ? result.SafetyCheckpoint : result.SafetyCheckpoint[..(split + "-pre-restore".Length)];
            string timestamp = split < 0 ? "" : result.SafetyCheckpoint[(split + "-pre-restore_".Length)..];
            md.Append("## Undo\n\nThe files this restore replaced are in the safety checkpoint `").Append(result.SafetyCheckpoint).Append("`:\n\n```bash\n")
              .Append("checkpoint resume --name ").Append(name).Append(" --timestamp ").Append(timestamp).Append("\n```\n");
        }
        return md.ToString();
    }

    private static string Verification(ResumeResult result, bool noVerify, int damaged) =>
        damaged == 0 ? (result.DryRun ? "on" : result.Verified ? "passed" : $"**incomplete** — {result.Failed.Count} file(s) failed (below); each written file matched its SHA-256")
        : noVerify ? $"**failed** for {damaged} file(s) — those were not written; the intact files were restored (--no-verify)"
        : "**failed** — nothing was written";

    private static void List(StringBuilder md, string title, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return;
        }
        md.Append("## ").Append(title).Append(" (").Append(paths.Count).Append(")\n\n");
        int shown = Math.Min(paths.Count, ListLimit);
        for (int i = 0; i < shown; i++)
        {
            md.Append("- `").Append(LineQuoting.Quote(paths[i])).Append("`\n");
        }
        if (paths.Count > shown)
        {
            md.Append("- … and ").Append(paths.Count - shown).Append(" more\n");
        }
        md.Append('\n');
    }
}
