namespace Checkpoint.Server.Lsp.Checkpoints;

/// <summary><c>checkpoint/fileContent</c>: one file of one checkpoint, for the client's diff editors.</summary>
internal sealed class FileContentHandler(Lazy<CheckpointWorkspace> workspace)
{
    public ValueTask<FileContentResult> HandleAsync(FileContentParams parameters, CancellationToken cancellationToken)
    {
        var content = workspace.Value.Engine.ReadFile(parameters.ToCheckpointRef(), ParamGuard.Required(parameters.Path, "path"));
        return ValueTask.FromResult(FileContentEncoding.ToResult(content));
    }
}
