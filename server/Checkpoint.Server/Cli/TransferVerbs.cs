using System.CommandLine;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary>
/// <c>checkpoint push [REMOTE] [--name N] [--id ID] [--with-notes]</c> and <c>checkpoint pull [REMOTE] [--name N] [--id ID]</c>.
/// Exit 0 when every checkpoint arrived or was already there; 3 when one was refused as damaged; 1 for a conflict
/// (same id, different content) or a refusal by the remote. The others are transferred either way.
/// </summary>
internal static class TransferVerbs
{
    public static Command Push(VerbRunner runner) => Create(runner, "push",
        "Send checkpoints to a git remote as commits under refs/checkpoints/<name>/<timestamp> (never a branch). " +
        "Only what the remote lacks travels; pushing again changes nothing; an id the remote has with different content is refused, never overwritten.",
        (run, request, cancellationToken) => run.Engine.PushAsync(request, run.Progress, cancellationToken));

    public static Command Pull(VerbRunner runner) => Create(runner, "pull",
        "Fetch a git remote's checkpoints, verify every file's SHA-256 against its checkpoint.json and import the ones this store lacks. " +
        "A checkpoint that fails verification is refused and named; one this store has with different content is kept as it is.",
        (run, request, cancellationToken) => run.Engine.PullAsync(request, run.Progress, cancellationToken));

    private static Command Create(VerbRunner runner, string verb, string description, Func<VerbInvocation, TransferRequest, CancellationToken, Task<TransferResult>> transfer)
    {
        var remote = new Argument<string?>("REMOTE") { Description = "A remote added with 'checkpoint remote add' (default: the only one, else origin).", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string>("--name") { Description = "Only the checkpoints of this name.", HelpName = "N" };
        var id = new Option<string>("--id") { Description = "Only this checkpoint, <name>_<YYYYMMDD_HHMMSS>.", HelpName = "ID" };
        var withNotes = new Option<bool>("--with-notes")
        {
            Description = "Also send, in each checkpoint's commit, the episodic day notes (memory/episodic/YYYY-MM-DD.md) that link it with a **Snapshot:** line. " +
                "A pull writes them where that day's note is absent or identical, else beside it as YYYY-MM-DD.<id>.md; a different local note is never overwritten.",
        };
        var json = JsonOption.Create();
        var command = new Command(verb, description) { remote, name, id, json };
        if (verb == "push")
            command.Options.Add(withNotes);
        command.Validators.Add(result =>
        {
            if (result.GetValue(name) is not null && result.GetValue(id) is not null)
                result.AddError("Give --name or --id, not both.");
        });
        runner.Bind(command, json, async (run, cancellationToken) =>
        {
            var request = new TransferRequest { Remote = run.Parse.GetValue(remote), Name = run.Get(name), Id = run.Get(id), WithNotes = verb == "push" && run.Parse.GetValue(withNotes) };
            var result = await transfer(run, request, cancellationToken);
            var single = result.Checkpoints.Count == 1 ? result.Checkpoints[0].Id : null;
            return VerbOutcome.Of(result, CheckpointJsonContext.Default.TransferResult, (r, output) => Render(verb, r, output), single, ExitCode(result));
        });
        return command;
    }

    private static int ExitCode(TransferResult result) =>
        result.Ok ? ExitCodes.Ok
        : result.Checkpoints.Any(c => c.Outcome is "conflict" or "failed") ? ExitCodes.Failed
        : ExitCodes.Integrity;

    private static void Render(string verb, TransferResult result, TextWriter output)
    {
        foreach (var checkpoint in result.Checkpoints)
        {
            output.WriteLine($"{checkpoint.Outcome,-10} {checkpoint.Id}");
            if (checkpoint.Message is not null)
                output.WriteLine($"           {LineQuoting.EscapeControls(checkpoint.Message)}");
            foreach (var damaged in checkpoint.Damaged ?? [])
                output.WriteLine($"           {damaged.Problem,-10} {LineQuoting.Quote(damaged.Path)}");
            foreach (var note in checkpoint.Notes ?? [])
                output.WriteLine($"           note {note.Outcome,-9} {LineQuoting.Quote(note.Path ?? note.Name)}{(note.Message is null ? "" : " " + LineQuoting.EscapeControls(note.Message))}");
        }
        var moved = result.Checkpoints.Count(c => c.Outcome is "pushed" or "pulled");
        var refused = result.Checkpoints.Count(c => !(c.Outcome is "pushed" or "pulled" or "up-to-date" or "present"));
        output.WriteLine(result.Checkpoints.Count == 0
            ? $"No checkpoints to {verb} ({result.Remote}: {result.Url})."
            : $"{verb} {result.Remote} ({LineQuoting.Quote(result.Url)}): {moved} {(verb == "push" ? "pushed" : "pulled")}, {result.Checkpoints.Count - moved - refused} already there, {refused} refused ({result.ElapsedMs} ms)");
    }
}
