using System.CommandLine;
using Checkpoint.Server.Cli;

// Minimal root: the full CLI (global --root/--store and the other verbs) is assembled elsewhere;
// it adds this verb with root.Subcommands.Add(ServeVerb.Create()).
var root = new RootCommand("checkpoint: save and restore workspace snapshots and episodic notes");
root.Subcommands.Add(ServeVerb.Create());
return await root.Parse(args).InvokeAsync();
