using System.Text.Json;
using Checkpoint.Core;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// workspace/executeCommand for the lens commands the server runs itself (the others —
/// restoreSnapshot, showProgress — need UI and stay in the client).
/// </summary>
internal sealed class ExecuteCommandHandler(ResumeBriefCommand resumeBrief, SnapshotNowCommand snapshotNow)
{
    public const string Method = "workspace/executeCommand";

    public async ValueTask<JsonElement> HandleAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        switch (parameters.Command)
        {
            case LensCommands.ResumeBrief:
                var brief = resumeBrief.Execute(LensCommandArguments.Parse(parameters.Command, parameters.Arguments), cancellationToken);
                return JsonSerializer.SerializeToElement(brief, CheckpointProtocolJsonContext.Default.ResumeBriefResult);
            case LensCommands.SnapshotNow:
                var saved = await snapshotNow.ExecuteAsync(LensCommandArguments.Parse(parameters.Command, parameters.Arguments), parameters.WorkDoneToken, cancellationToken).ConfigureAwait(false);
                return JsonSerializer.SerializeToElement(saved, CheckpointJsonContext.Default.SaveResult);
            default:
                throw new CheckpointException(ErrorKind.InvalidArgument, $"Unknown command '{parameters.Command}'. The server runs: {string.Join(", ", LensCommands.ServerSide)}.");
        }
    }
}
