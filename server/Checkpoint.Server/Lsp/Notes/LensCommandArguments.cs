using System.Text.Json;
using Checkpoint.Core;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>The <c>[uri, line]</c> arguments of the server-side lens commands.</summary>
internal readonly record struct LensCommandArguments(string Uri, int Line)
{
    /// <summary>Reads <c>[uri: string, line: number]</c>; anything else is an invalid argument.</summary>
    public static LensCommandArguments Parse(string command, IReadOnlyList<JsonElement>? arguments)
    {
        if (arguments is [{ ValueKind: JsonValueKind.String } uri, { ValueKind: JsonValueKind.Number } line, ..]
            && line.TryGetInt32(out var lineNumber) && lineNumber >= 0)
        {
            return new LensCommandArguments(uri.GetString()!, lineNumber);
        }

        throw new CheckpointException(ErrorKind.InvalidArgument, $"'{command}' expects the arguments [uri: string, line: number ≥ 0].");
    }
}
