using Checkpoint.Core;
using Checkpoint.Server.Cli;

// The engine's stopwatch phases on stderr, for profiling (bench/ sets it); the engine itself writes to no console.
if (Environment.GetEnvironmentVariable("CHECKPOINT_TRACE") == "1")
{
    EngineTrace.Sink = Console.Error.WriteLine;
}

// The editor's spawn of the language server skips building the whole command line (see ServeFastPath).
if (ServeFastPath.TryParse(args, out var serveOptions))
{
    return await ServeFastPath.RunAsync(serveOptions!);
}

return await CheckpointCommandLine.InvokeAsync(args);
