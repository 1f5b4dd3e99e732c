using System.Text.Json;
using Checkpoint.Core;

namespace Checkpoint.Server.Json;

/// <summary>What <c>--json</c> prints on stdout when a verb fails: <c>{"error":{"kind":…,"message":…,"available":[…]}}</c>.</summary>
public sealed record ErrorDocument(ErrorDetail Error)
{
    /// <summary>The document for a failure the user should read.</summary>
    public static ErrorDocument From(CheckpointException exception) =>
        new(new ErrorDetail(WireName(exception.Kind), exception.Message, exception.Available, exception.Damaged));

    /// <summary>The document for a failure that is not a <see cref="CheckpointException"/>.</summary>
    public static ErrorDocument From(ErrorKind kind, string message) => new(new ErrorDetail(WireName(kind), message, null, null));

    /// <summary>The protocol.ts spelling of an <see cref="ErrorKind"/>: <c>invalidArgument</c>, <c>notFound</c>, ….</summary>
    public static string WireName(ErrorKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}

/// <param name="Kind"><c>invalidArgument|notFound|integrity|locked|failed</c>.</param>
/// <param name="Available">For <c>notFound</c>: the names, or the timestamps of the name, that exist.</param>
/// <param name="Damaged">For <c>integrity</c>: the damaged files.</param>
public sealed record ErrorDetail(string Kind, string Message, IReadOnlyList<string>? Available, IReadOnlyList<DamagedFile>? Damaged);
