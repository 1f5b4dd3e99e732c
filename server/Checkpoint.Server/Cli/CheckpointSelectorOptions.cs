using System.CommandLine;
using Checkpoint.Core;

namespace Checkpoint.Server.Cli;

/// <summary><c>--name N (--latest | --timestamp YYYYMMDD_HHMMSS)</c>: how resume, show and diff pick one checkpoint.</summary>
internal sealed class CheckpointSelectorOptions
{
    public Option<string> Name { get; } = new("--name")
    {
        Description = "Checkpoint name (letters, digits, '-', '_'; at most 50 characters).",
        HelpName = "N",
        Required = true,
    };

    public Option<bool> Latest { get; } = new("--latest") { Description = "The newest checkpoint of the name." };

    public Option<string> Timestamp { get; } = new("--timestamp")
    {
        Description = "The checkpoint saved at YYYYMMDD_HHMMSS (with its _2, _3 suffix if it has one).",
        HelpName = "YYYYMMDD_HHMMSS",
    };

    /// <summary>Adds the options, and a check that exactly one of <c>--latest</c> / <c>--timestamp</c> is given.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Name);
        command.Options.Add(Latest);
        command.Options.Add(Timestamp);
        command.Validators.Add(result =>
        {
            var latest = result.ValueOrDefault(Latest);
            var timestamp = result.ValueOrDefault(Timestamp);
            if (latest && timestamp is not null)
                result.AddError("Give either --latest or --timestamp, not both.");
            else if (!latest && timestamp is null)
                result.AddError("Say which checkpoint: --latest or --timestamp YYYYMMDD_HHMMSS.");
        });
    }

    public CheckpointRef Read(ParseResult parse) =>
        new(parse.GetRequiredValue(Name), parse.GetValue(Latest), parse.GetValue(Timestamp));
}
