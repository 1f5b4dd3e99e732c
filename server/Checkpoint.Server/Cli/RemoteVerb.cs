using System.CommandLine;
using Checkpoint.Core.Snapshots;
using Checkpoint.Server.Cli.Rendering;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Cli;

/// <summary><c>checkpoint remote add|list|remove NAME URL</c>: the store's git remotes, kept in its config.json.</summary>
internal static class RemoteVerb
{
    public static Command Create(VerbRunner runner)
    {
        var command = new Command("remote", "Manage the git remotes checkpoints are pushed to and pulled from (kept in the store's config.json).");
        command.Subcommands.Add(Add(runner));
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Remove(runner));
        return command;
    }

    private static Command Add(VerbRunner runner)
    {
        var name = new Argument<string>("NAME") { Description = "A short name, e.g. origin (letters, digits, '.', '-', '_')." };
        var url = new Argument<string>("URL") { Description = "Any URL git can push to: git@host:team/work.git, https://…, ssh://…, file:///…, or a path." };
        var json = JsonOption.Create();
        var command = new Command("add", "Add a remote. Nothing is contacted until push or pull.") { name, url, json };
        runner.Bind(command, json, (run, _) =>
        {
            var result = run.Engine.AddRemote(run.Parse.GetRequiredValue(name), run.Parse.GetRequiredValue(url));
            return Task.FromResult(VerbOutcome.Of(result, CheckpointJsonContext.Default.RemoteListResult, Render));
        });
        return command;
    }

    private static Command List(VerbRunner runner)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List the store's remotes.") { json };
        runner.Bind(command, json, (run, _) =>
            Task.FromResult(VerbOutcome.Of(run.Engine.ListRemotes(), CheckpointJsonContext.Default.RemoteListResult, Render)));
        return command;
    }

    private static Command Remove(VerbRunner runner)
    {
        var name = new Argument<string>("NAME") { Description = "The remote to forget (checkpoints already pulled from it stay)." };
        var json = JsonOption.Create();
        var command = new Command("remove", "Remove a remote from the store's config.") { name, json };
        runner.Bind(command, json, (run, _) =>
            Task.FromResult(VerbOutcome.Of(run.Engine.RemoveRemote(run.Parse.GetRequiredValue(name)), CheckpointJsonContext.Default.RemoteListResult, Render)));
        return command;
    }

    private static void Render(RemoteListResult result, TextWriter output)
    {
        if (result.Remotes.Count == 0)
        {
            output.WriteLine("No remotes. Add one with: checkpoint remote add origin <git URL>");
            return;
        }
        var table = new TextTable("NAME", "URL");
        foreach (var remote in result.Remotes)
            table.Add(remote.Name, LineQuoting.Quote(remote.Url));
        table.WriteTo(output);
    }
}
