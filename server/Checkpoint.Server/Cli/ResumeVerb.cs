using System.CommandLine;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint resume --name N (--latest | --timestamp TS) [--dry-run] [--target DIR] [--no-verify]
/// [--report FILE] [--mirror] [--files P ...] [--yes] [--json]</c>, alias <c>restore</c>.
/// </summary>
internal static class ResumeVerb
{
    public static Command Create(VerbRunner runner)
    {
        var selector = new CheckpointSelectorOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be created, overwritten, deleted and left alone; change nothing." };
        var target = new Option<string>("--target") { Description = "Restore into this folder instead of the root (created when missing).", HelpName = "DIR" };
        var noVerify = new Option<bool>("--no-verify")
        {
            Description = "Do not refuse a damaged checkpoint: restore every intact file and list each file whose content is missing or " +
                "does not match its hash under Failed, without writing it (exit 3). Every written file is still hashed.",
        };
        var report = new Option<string>("--report") { Description = "Write a markdown report of what was restored, verified, skipped and failed.", HelpName = "FILE" };
        var mirror = new Option<bool>("--mirror") { Description = "Also delete files inside the checkpoint's saved scope that it does not have (never ignored files, never .git)." };
        var files = new Option<string[]>("--files")
        {
            Description = "Restore only these files or folders of the checkpoint (root-relative paths as show lists them; a folder " +
                "means every file below it). A big checkpoint then reads only the folder trees on the way to them.",
            HelpName = "P",
            AllowMultipleArgumentsPerToken = true,
        };
        var yes = new Option<bool>("--yes") { Description = "Do not ask before overwriting or deleting files in the root. Without a terminal on stdin checkpoint never asks." };
        var json = JsonOption.Create();

        var command = new Command("resume",
            "Restore a checkpoint's files. Into the root, an automatic safety checkpoint of every file that will be overwritten or deleted " +
            "is saved first, so the resume can be undone. Files not in the checkpoint are left alone unless --mirror. " +
            "When stdin is a terminal and files would be overwritten or deleted, asks y/N first (--yes skips); when it is not, proceeds.");
        command.Aliases.Add("restore");
        selector.AddTo(command);
        command.Options.Add(dryRun);
        command.Options.Add(target);
        command.Options.Add(noVerify);
        command.Options.Add(report);
        command.Options.Add(mirror);
        command.Options.Add(files);
        command.Options.Add(yes);
        command.Options.Add(json);

        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var request = new ResumeRequest
            {
                Checkpoint = selector.Read(run.Parse),
                DryRun = run.Get(dryRun),
                Target = VerbInvocation.AbsolutePath(run.Get(target)),
                NoVerify = run.Get(noVerify),
                Report = VerbInvocation.AbsolutePath(run.Get(report)),
                Mirror = run.Get(mirror),
                Paths = run.Get(files) is { Length: > 0 } paths ? paths : null,
            };
            if (!request.DryRun && !run.Get(yes) && Confirmation.CanAsk && IntoRoot(request, run.Engine))
                await ConfirmAsync(run, request, cancellationToken);

            var result = await run.Engine.ResumeAsync(request, run.Progress, cancellationToken);
            var exitCode = result.Damaged.Count > 0 ? ExitCodes.Integrity : result.Failed.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.ResumeResult, Render, result.Id, exitCode);
        });
        return command;
    }

    private static bool IntoRoot(ResumeRequest request, CheckpointEngine engine) =>
        request.Target is null || Path.TrimEndingDirectorySeparator(request.Target) == Path.TrimEndingDirectorySeparator(engine.Root);

    /// <summary>Shows the plan (a dry run) and asks, but only when something would be overwritten or deleted.</summary>
    private static async Task ConfirmAsync(VerbInvocation run, ResumeRequest request, CancellationToken cancellationToken)
    {
        var plan = await run.Engine.ResumeAsync(request with { DryRun = true, Report = null }, cancellationToken: cancellationToken);
        if (plan.Overwritten.Count == 0 && plan.Deleted.Count == 0)
            return;
        Render(plan, run.Output.Err);
        var question = $"Overwrite {Units.Plural(plan.Overwritten.Count, "file")}" +
            (plan.Deleted.Count > 0 ? $" and delete {Units.Plural(plan.Deleted.Count, "file")}" : "") +
            " (a safety checkpoint is saved first)?";
        if (!Confirmation.Ask(run.Output.Err, question))
            throw new CheckpointException(ErrorKind.Failed, "Resume cancelled; nothing was changed.");
    }

    private static void Render(ResumeResult result, TextWriter output)
    {
        output.WriteLine(result.DryRun
            ? $"Dry run of resuming {result.Id} into {LineQuoting.Quote(result.Target)} (nothing was changed):"
            : $"Resumed {result.Id} into {LineQuoting.Quote(result.Target)}");
        var would = result.DryRun ? "would be " : "";
        var table = new TextTable("", ">");
        table.Add($"{would}created", Units.Count(result.Created.Count));
        table.Add($"{would}overwritten", Units.Count(result.Overwritten.Count));
        table.Add($"{would}deleted", Units.Count(result.Deleted.Count));
        table.Add("already identical", Units.Count(result.Unchanged.Count));
        table.WriteTo(output, "  ");

        PathList.Write(output, result.DryRun ? "Would create" : "Created", "+", result.Created);
        PathList.Write(output, result.DryRun ? "Would overwrite" : "Overwritten", "~", result.Overwritten);
        PathList.Write(output, result.DryRun ? "Would delete" : "Deleted", "-", result.Deleted);
        if (result.LeftAlone > 0)
            output.WriteLine($"Left alone: {Units.Plural(result.LeftAlone, "file")} in scope that the checkpoint does not have (--mirror deletes them).");
        if (result.Failed.Count > 0)
        {
            output.WriteLine("Failed:");
            foreach (var failed in result.Failed)
                output.WriteLine($"  ! {LineQuoting.Quote(failed.Path)}: {LineQuoting.EscapeControls(failed.Reason)}");
        }

        if (result.Damaged.Count > 0)
            output.WriteLine($"Damaged: {Units.Plural(result.Damaged.Count, "file")} not restored (content missing or not matching its SHA-256); the intact files were restored.");
        if (!result.DryRun && result.Verified)
            output.WriteLine("Verified: every restored file matches its saved hash.");
        if (result.SafetyCheckpoint is { } safety)
        {
            var undo = CheckpointId.SelectorArguments(safety) is { } selector ? $" (undo: checkpoint resume {selector})" : "";
            output.WriteLine($"Safety checkpoint: {safety}{undo}");
        }
        if (result.Report is { } report)
            output.WriteLine($"Report: {LineQuoting.Quote(report)}");
    }
}
