namespace Checkpoint.Server.Cli;

/// <summary>The last line of every verb, which scripts and agents grep for.</summary>
internal static class StatusLine
{
    public static string Format(bool succeeded, string action, string? checkpointId) =>
        $"STATUS={(succeeded ? "OK" : "FAIL")} ACTION={action}" + (checkpointId is null ? "" : $" CHECKPOINT={checkpointId}");
}
