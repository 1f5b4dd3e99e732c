using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint.Server.Cli;

/// <summary>
/// What a verb produced: its result rendered two ways (a human page, or the one JSON document of
/// <c>--json</c>), the exit code, and the checkpoint its STATUS line names.
/// </summary>
internal sealed class VerbOutcome
{
    private VerbOutcome(int exitCode, string? checkpointId, Action<TextWriter> writeHuman, Func<string> toJson)
    {
        ExitCode = exitCode;
        CheckpointId = checkpointId;
        WriteHuman = writeHuman;
        ToJson = toJson;
    }

    public int ExitCode { get; }
    public bool Succeeded => ExitCode == ExitCodes.Ok;
    /// <summary><c>&lt;name&gt;_&lt;timestamp&gt;</c> for the STATUS line, when the verb is about one checkpoint.</summary>
    public string? CheckpointId { get; }
    public Action<TextWriter> WriteHuman { get; }
    public Func<string> ToJson { get; }

    /// <summary>An outcome for <paramref name="result"/>, serialised with its source-generated type info.</summary>
    public static VerbOutcome Of<T>(T result, JsonTypeInfo<T> jsonType, Action<T, TextWriter> render, string? checkpointId = null, int exitCode = ExitCodes.Ok) =>
        new(exitCode, checkpointId, writer => render(result, writer), () => JsonSerializer.Serialize(result, jsonType));
}
