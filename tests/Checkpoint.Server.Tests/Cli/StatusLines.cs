namespace Checkpoint.Server.Tests.Cli;

/// <summary>Assertions on the contract's last line, <c>STATUS=OK|FAIL ACTION=&lt;verb&gt;[ CHECKPOINT=&lt;id&gt;]</c>.</summary>
internal static class StatusLines
{
    /// <summary>The shape of a checkpoint id: <c>&lt;name&gt;_YYYYMMDD_HHMMSS</c> with an optional collision suffix.</summary>
    public static string IdPattern(string name) => $"{name}_[0-9]{{8}}_[0-9]{{6}}(_[0-9]+)?";

    public static void AssertOk(string line, string action, string? checkpointName = null) =>
        Assert.MatchesRegex(
            checkpointName is null ? $"^STATUS=OK ACTION={action}( CHECKPOINT=\\S+)?$" : $"^STATUS=OK ACTION={action} CHECKPOINT={IdPattern(checkpointName)}$",
            line);

    public static void AssertFail(string line, string action) =>
        Assert.MatchesRegex($"^STATUS=FAIL ACTION={action}( CHECKPOINT=\\S+)?$", line);
}
