using System.Text.Json;
using System.Text.RegularExpressions;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>What one <c>checkpoint</c> run printed and returned.</summary>
internal sealed partial record CliResult(string[] Arguments, int ExitCode, string StdOut, string StdErr)
{
    public string[] StdOutLines => Lines(StdOut);
    public string[] StdErrLines => Lines(StdErr);

    /// <summary>The last stdout line: the STATUS line without <c>--json</c>.</summary>
    public string LastStdOutLine => StdOutLines.LastOrDefault() ?? "";

    /// <summary>The last stderr line: the STATUS line with <c>--json</c>.</summary>
    public string LastStdErrLine => StdErrLines.LastOrDefault() ?? "";

    /// <summary>The checkpoint id of a STATUS line on stdout, e.g. <c>module-05_20250104_143022</c>.</summary>
    public string CheckpointId => CheckpointIdIn(LastStdOutLine);

    /// <summary>Stdout parsed as exactly one JSON document.</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(StdOut);
                return document.RootElement.Clone();
            }
            catch (JsonException notJson)
            {
                Assert.Fail($"stdout is not one JSON document: {notJson.Message}\n{this}");
                throw;
            }
        }
    }

    /// <summary>Fails unless the run exited with <paramref name="exitCode"/>, showing everything it printed.</summary>
    public CliResult AssertExit(int exitCode)
    {
        Assert.AreEqual(exitCode, ExitCode, $"Unexpected exit code.\n{this}");
        return this;
    }

    public static string CheckpointIdIn(string statusLine)
    {
        var match = CheckpointPattern().Match(statusLine);
        Assert.IsTrue(match.Success, $"No CHECKPOINT=<id> in: {statusLine}");
        return match.Groups[1].Value;
    }

    public override string ToString() =>
        $"$ checkpoint {string.Join(' ', Arguments.Select(arg => arg.Contains(' ') ? $"'{arg}'" : arg))}\n" +
        $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    [GeneratedRegex(@"\bCHECKPOINT=(\S+)")]
    private static partial Regex CheckpointPattern();
}
