using Checkpoint.Server.Cli;

return await CheckpointCommandLine.InvokeAsync(args);
