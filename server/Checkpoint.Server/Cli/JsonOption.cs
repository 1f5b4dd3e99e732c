using System.CommandLine;

namespace Checkpoint.Server.Cli;

/// <summary>The <c>--json</c> flag of the verbs that list or report.</summary>
internal static class JsonOption
{
    public static Option<bool> Create() => new("--json")
    {
        Description = "Print the result as one JSON document on stdout (camelCase); the STATUS line goes to stderr.",
    };
}
