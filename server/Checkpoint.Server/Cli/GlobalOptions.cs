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

    /// <summary>
    /// The engine for the parsed <c>--root</c>/<c>--store</c>; relative paths resolve against the current directory.
    /// A root or store that cannot be what it names is refused here, before any verb runs (<see cref="LocationCheck"/>).
    /// </summary>
    public CheckpointEngine CreateEngine(ParseResult parse)
    {
        var cwd = Environment.CurrentDirectory;
        var explicitRoot = parse.GetValue(Root);
        var explicitStore = parse.GetValue(Store);
        var root = explicitRoot is null ? CheckpointEngine.DiscoverRoot(cwd) : Path.GetFullPath(explicitRoot, cwd);
        var engine = new CheckpointEngine(root, explicitStore is null ? null : Path.GetFullPath(explicitStore, cwd));
        LocationCheck.Root(engine.Root, explicitRoot is null ? "The workspace root" : "--root");
        LocationCheck.Store(engine.StorePath, explicitStore is null ? "The checkpoint store" : "--store");
        return engine;
    }
}
