namespace Checkpoint.Server.Cli;

/// <summary>The two streams of a CLI run and the rule for where the STATUS line goes (stderr with <c>--json</c>).</summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    /// <summary>True with <c>--json</c>: stdout is reserved for one JSON document.</summary>
    public bool Json { get; } = json;

    /// <summary>Where prose that is not the result goes (prompts, plans, progress): stderr when stdout is JSON.</summary>
    public TextWriter Chatter => Json ? Err : Out;

    /// <summary>Writes the contract's last line: <c>STATUS=OK|FAIL ACTION=&lt;verb&gt;[ CHECKPOINT=&lt;id&gt;]</c>.</summary>
    public void Status(bool succeeded, string action, string? checkpointId)
    {
        Out.Flush();
        Err.Flush();
        var line = StatusLine.Format(succeeded, action, checkpointId);
        (Json ? Err : Out).WriteLine(line);
    }
}
