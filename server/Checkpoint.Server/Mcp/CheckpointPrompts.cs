using System.ComponentModel;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Templates;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// The seed's two agent procedures as prompts: context protection (which entry to write at which context %) and
/// the <c>/memory/checkpoint create|restore|list|delete</c> command, both spelled in this server's tools.
/// </summary>
[McpServerPromptType]
internal sealed class CheckpointPrompts
{
    [McpServerPrompt(Name = "context_protection", Title = "Context protection protocol")]
    [Description("The context-protection protocol: watch the context window and write the entry its thresholds prescribe, with the files snapshotted.")]
    public static string ContextProtection([Description("How full the context window is now, 0-100 (optional).")] string? contextPct = null)
    {
        string now = "";
        if (int.TryParse(contextPct, out int pct) && pct is >= 0 and <= 100)
        {
            now = ContextThresholds.ExpectedFormat(pct) is { } format
                ? $"\n\nYou are at {pct} %: write the {NoteFormatNames.DisplayName(format)} entry now (checkpoint_note format \"{NoteFormatNames.ToWireName(format)}\", fields {string.Join(", ", FilledEntry.FieldsFor(format).Where(f => f.Required).Select(f => f.Key))})."
                : $"\n\nYou are at {pct} %: no entry is required yet.";
        }
        return """
            Protect this session's context with Checkpoint's episodic notes (memory/episodic/YYYY-MM-DD.md).

            Thresholds — check your context usage regularly and write the entry it calls for with checkpoint_note:
            - below 50 %: normal work; nothing required.
            - 50–69 %: quick notes (format "quick") for decisions, preferences and important details as they happen.
            - 70–84 %: a Full checkpoint (format "full"): task, status, active files, decisions, progress, the human's goals, constraints, preferences, numbered resume instructions, open questions.
            - 85–94 %: an Emergency checkpoint (format "emergency"): task, status, next, blocked, files. Be brief.
            - 95 % and above: a Survival checkpoint (format "survival"): task, next, blocked. Immediately.
            - Before any risky operation (a migration, a large refactor, a destructive command): a Pre-Operation entry (format "pre-operation") with snapshot = true, so the files can be restored.

            checkpoint_context_advice tells you the format and fields for a given percentage. Fill every field with real content, never the template's placeholders.
            After a context reset, call checkpoint_recover first and start your reply with its brief ("Resuming from checkpoint at HH:MM. …").
            """ + now;
    }

    [McpServerPrompt(Name = "checkpoint_command", Title = "/memory/checkpoint create|restore|list|delete")]
    [Description("Carry out the /memory/checkpoint command: create, restore, list or delete a named checkpoint, with the confirmation the seed requires for restore and delete.")]
    public static string Command(
        [Description("create | restore | list | delete")] string subcommand,
        [Description("The checkpoint name (letters, digits, '-', '_', at most 50 characters); not needed for list.")] string? name = null)
    {
        string target = string.IsNullOrWhiteSpace(name) ? "<name>" : name.Trim();
        string steps = subcommand.Trim().ToLowerInvariant() switch
        {
            "create" => $"""
                1. Call checkpoint_save with name "{target}" and a stage (e.g. "manual"); add notes saying what this state is.
                2. Report the id, the file counts and what retention removed, if anything.
                3. End with: STATUS=OK CHECKPOINT={target} ACTION=create (STATUS=FAIL if the call returned an error).
                """,
            "restore" => $"""
                1. Call checkpoint_list with name "{target}" and take the newest id (or the one the user named).
                2. Call checkpoint_diff with that id and unified = true; show the user what the restore will change.
                3. Call checkpoint_restore with the id. It returns a preview and a confirmationToken (or asks the user directly). Ask the user to confirm; only if they do, call checkpoint_restore again with confirm = the token.
                4. Report the safety checkpoint and the undo the result gives.
                5. End with: STATUS=OK CHECKPOINT={target} ACTION=restore.
                """,
            "list" => """
                1. Call checkpoint_list.
                2. Show a table: name, created, stage, files, size.
                3. End with: STATUS=OK ACTION=list.
                """,
            "delete" => $"""
                1. Call checkpoint_list with name "{target}" and pick the id to delete.
                2. Call checkpoint_delete with the id; show the user the preview and ask for confirmation.
                3. Only if they confirm, call checkpoint_delete again with confirm = the token.
                4. End with: STATUS=OK CHECKPOINT={target} ACTION=delete.
                """,
            _ => """
                Unknown subcommand. Show the usage: /memory/checkpoint create <name> | restore <name> | list | delete <name>.
                End with: STATUS=FAIL ACTION=none.
                """,
        };
        return $"Run /memory/checkpoint {subcommand} {name}".TrimEnd() + " with Checkpoint's tools:\n\n" + steps;
    }
}
