using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core;

/// <summary>
/// What a checkpoint's metadata (checkpoint.json's <c>"metadata"</c> object) may be: the one set of JSON rules the
/// CLI's <c>--metadata</c>, the language server's and MCP's save, the writer and the reader of checkpoint.json share,
/// so that a save never writes what a read would call damaged. Metadata is a JSON object nested at most
/// <see cref="MaxDepth"/> levels (the object itself is level 1), in which no object repeats a key and every string
/// and key is well-formed Unicode (no lone UTF-16 surrogate such as <c>"\ud800"</c>).
/// </summary>
/// <remarks>
/// Why 32: every face carries metadata inside envelopes of its own (the CLI's <c>--json</c> document, a JSON-RPC
/// response, an MCP tool result nest it two or three levels down), and their JSON parsers and serializers stop at 64
/// levels; 32 leaves room for all of them, and for metadata far deeper than people write.
/// </remarks>
public static class CheckpointMetadata
{
    /// <summary>The deepest nesting a save accepts; the metadata object itself is level 1 (<c>{}</c> is 1, <c>{"a":[]}</c> is 2).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// How deep checkpoint.json as a whole may nest when read: the reader's limit (the .NET default it always had), so
    /// metadata nested up to 63 levels — what versions before <see cref="MaxDepth"/> could write and read — still reads.
    /// </summary>
    internal const int ManifestMaxDepth = 64;

    // Text is parsed deeper than the limit, so that too deep a document is told by the limit's own words; the
    // parser is not recursive, and the walk below stops one level past the limit.
    private const int ParseMaxDepth = 1000;

    /// <summary>
    /// Parses <paramref name="text"/> (the CLI's <c>--metadata</c>) into metadata that may be saved, or says in
    /// <paramref name="problem"/> what is wrong, phrased to follow the input's name ("--metadata is not valid JSON: …").
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonObject? metadata, [NotNullWhen(false)] out string? problem)
    {
        metadata = null;
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = ParseMaxDepth });
        }
        catch (JsonException malformed)
        {
            problem = $"is not valid JSON: {malformed.Message}";
            return false;
        }
        if (parsed is not JsonObject candidate)
        {
            problem = $"must be a JSON object such as '{{\"reviewer\":\"jane\"}}', not: {text}";
            return false;
        }
        problem = Problem(candidate);
        metadata = problem is null ? candidate : null;
        return problem is null;
    }

    /// <summary>Null when <paramref name="metadata"/> may be saved; otherwise what is wrong with it ("is nested deeper than …").</summary>
    public static string? Problem(JsonObject metadata) => Problem(metadata, MaxDepth);

    /// <summary>The reader's check of stored metadata: the same rules, with the depth checkpoint.json allows.</summary>
    internal static string? StoredProblem(JsonObject metadata) => Problem(metadata, ManifestMaxDepth - 1);

    private static string? Problem(JsonObject metadata, int maxDepth)
    {
        try
        {
            return Walk(metadata, 1, maxDepth);
        }
        catch (ArgumentException repeated)
        {
            // A JsonObject parsed from JSON that repeats a key holds both until it is first read, and throws then
            // ("An item with the same key has already been added. Key: a (Parameter 'key')").
            return RepeatedKey(repeated.Message) is { } key ? $"repeats a key in one object: \"{key}\"" : $"repeats a key ({repeated.Message})";
        }
        catch (InvalidOperationException invalid)
        {
            // A string or key whose escapes do not decode (a lone surrogate) throws when first read.
            return $"holds a string that is not valid Unicode: {invalid.Message}";
        }
    }

    private static string? Walk(JsonNode? node, int depth, int maxDepth)
    {
        switch (node)
        {
            case JsonObject obj:
                if (depth > maxDepth)
                {
                    return TooDeep(maxDepth);
                }
                foreach (KeyValuePair<string, JsonNode?> pair in obj)
                {
                    if (HasLoneSurrogate(pair.Key))
                    {
                        return "holds a key that is not valid Unicode (a lone UTF-16 surrogate)";
                    }
                    if (Walk(pair.Value, depth + 1, maxDepth) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonArray array:
                if (depth > maxDepth)
                {
                    return TooDeep(maxDepth);
                }
                foreach (JsonNode? item in array)
                {
                    if (Walk(item, depth + 1, maxDepth) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValue value:
                return Check(value);
            default:
                return null;
        }
    }

    private static string? Check(JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            // Parsed text decodes its escapes here (and throws for a lone surrogate); a string built in code is checked as it is.
            return HasLoneSurrogate(value.GetValue<string>()) ? "holds a string that is not valid Unicode (a lone UTF-16 surrogate)" : null;
        }
        // A number parsed from text is kept as its text, which the writer copies; one built in code must be a JSON number.
        if (!value.TryGetValue(out JsonElement _) && value.TryGetValue(out double number) && !double.IsFinite(number))
        {
            return $"holds {number}, which JSON cannot represent";
        }
        return null;
    }

    private static string? RepeatedKey(string message)
    {
        const string Marker = "Key: ", Parameter = " (Parameter 'key')";
        int at = message.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        string key = message[(at + Marker.Length)..];
        return key.EndsWith(Parameter, StringComparison.Ordinal) ? key[..^Parameter.Length] : key;
    }

    private static string TooDeep(int maxDepth) =>
        $"is nested deeper than {maxDepth} levels; at most {maxDepth} are allowed (the object itself is level 1)";

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }
}
