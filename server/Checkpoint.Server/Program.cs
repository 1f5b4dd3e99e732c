using Checkpoint.Server.Cli;

// The editor's spawn of the language server skips building the whole command line (see ServeFastPath).
if (ServeFastPath.TryParse(args, out var serveOptions))
{
    return await ServeFastPath.RunAsync(serveOptions!);
}

return await CheckpointCommandLine.InvokeAsync(args);
