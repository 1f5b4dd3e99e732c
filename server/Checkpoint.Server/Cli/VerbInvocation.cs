using System.CommandLine;
using Checkpoint.Core;

namespace Checkpoint.Server.Cli;

/// <summary>One run of a verb: its parsed options, the engine for the selected root and store, and where to write.</summary>
/// <param name="Progress">Progress for long operations; null unless stderr is a terminal.</param>
internal sealed record VerbInvocation(ParseResult Parse, CheckpointEngine Engine, CliOutput Output, IProgress<OperationProgress>? Progress)
{
    /// <summary>The value of <paramref name="option"/> (shorthand for the verbs).</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>A path from the command line, made absolute against the current directory, as the shell user meant it.</summary>
    public static string? AbsolutePath(string? path) => path is null ? null : Path.GetFullPath(path, Environment.CurrentDirectory);
}
