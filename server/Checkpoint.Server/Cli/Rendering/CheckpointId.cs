using System.Text.RegularExpressions;

namespace Checkpoint.Server.Cli.Rendering;

/// <summary>A checkpoint id (<c>&lt;name&gt;_&lt;YYYYMMDD_HHMMSS&gt;[_N]</c>) split back into the options that select it.</summary>
internal static partial class CheckpointId
{
    [GeneratedRegex(@"^(?<name>.+)_(?<timestamp>\d{8}_\d{6}(?:_\d+)?)$")]
    private static partial Regex IdPattern();

    /// <summary><c>--name N --timestamp TS</c> for <paramref name="id"/>, or <c>null</c> when it is not in the id format.</summary>
    public static string? SelectorArguments(string id) =>
        IdPattern().Match(id) is { Success: true } match
            ? $"--name {match.Groups["name"].Value} --timestamp {match.Groups["timestamp"].Value}"
            : null;
}
