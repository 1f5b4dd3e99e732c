using System.CommandLine;
using Checkpoint.Core;

namespace Checkpoint.Server.Cli;

/// <summary>
/// The options every verb accepts (<c>--root</c>, <c>--store</c>), and the engine they select.
/// They are recursive, so both <c>checkpoint --root X save …</c> and <c>checkpoint save … --root X</c> work.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string> Root { get; } = new("--root")
    {
        Description = "Workspace root. Default: the nearest ancestor of the current directory that has memory/checkpoints or .git, else the current directory.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string> Store { get; } = new("--store")
    {
        Description = "Checkpoint store. Default: <root>/memory/checkpoints.",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Root);
        root.Options.Add(Store);
    }

    /// <summary>The engine for the parsed <c>--root</c>/<c>--store</c>; relative paths resolve against the current directory.</summary>
    public CheckpointEngine CreateEngine(ParseResult parse)
    {
        var cwd = Environment.CurrentDirectory;
        var root = parse.GetValue(Root) is { } explicitRoot
            ? Path.GetFullPath(explicitRoot, cwd)
            : CheckpointEngine.DiscoverRoot(cwd);
        var store = parse.GetValue(Store) is { } explicitStore ? Path.GetFullPath(explicitStore, cwd) : null;
        return new CheckpointEngine(root, store);
    }
}
