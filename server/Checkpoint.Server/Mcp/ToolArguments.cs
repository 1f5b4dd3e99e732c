using System.Text.Json;
using Checkpoint.Core;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Bad input never reaches a tool and never stops the server: the arguments are checked against the tool's own
/// input schema first (unknown names, missing required ones, wrong JSON types), and whatever a tool still throws
/// becomes an <c>isError</c> result whose text says what is allowed. The SDK would otherwise answer a binding
/// failure with "An error occurred invoking …" and an unknown tool with a protocol error.
/// </summary>
internal static class ToolArguments
{
    /// <summary>The call-tool filter: validate, run, translate failures.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Guard(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            if (request.MatchedPrimitive is McpServerTool tool && Problem(tool.ProtocolTool, request.Params?.Arguments) is { } problem)
            {
                return ToolAnswer.Error(problem);
            }
            try
            {
                return await next(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointException failure)
            {
                return ToolAnswer.Error(failure);
            }
            catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException && e is not McpException)
            {
                return ToolAnswer.Error($"invalidArgument: {request.Params?.Name}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ToolAnswer.Error($"failed: {e.Message}");
            }
        };

    /// <summary>The answer to a tool name no tool has: isError, with the names that exist.</summary>
    public static CallToolResult UnknownTool(string? name, IEnumerable<string> known) =>
        ToolAnswer.Error($"Unknown tool '{name}'. Tools: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");

    /// <summary>What is wrong with <paramref name="arguments"/> for <paramref name="tool"/>, or null.</summary>
    public static string? Problem(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        JsonElement schema = tool.InputSchema;
        Dictionary<string, JsonElement> properties = [];
        if (schema.TryGetProperty("properties", out JsonElement declared) && declared.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in declared.EnumerateObject())
            {
                properties[property.Name] = property.Value;
            }
        }
        string usage = Usage(schema, properties);
        arguments ??= new Dictionary<string, JsonElement>();
        foreach ((string name, JsonElement value) in arguments)
        {
            if (!properties.TryGetValue(name, out JsonElement property))
            {
                return $"invalidArgument: {tool.Name} has no argument '{name}'. Arguments: {usage}.";
            }
            if (!Matches(property, value, out string expected))
            {
                return $"invalidArgument: {tool.Name}: '{name}' must be {expected}, not {Describe(value)}. Arguments: {usage}.";
            }
        }
        if (schema.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.Array)
        {
            List<string> missing = [.. required.EnumerateArray().Select(r => r.GetString()!).Where(r => !arguments.ContainsKey(r))];
            if (missing.Count > 0)
            {
                return $"invalidArgument: {tool.Name} needs {string.Join(", ", missing)}. Arguments: {usage}.";
            }
        }
        return null;
    }

    private static string Usage(JsonElement schema, Dictionary<string, JsonElement> properties)
    {
        HashSet<string> required = schema.TryGetProperty("required", out JsonElement r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Select(x => x.GetString()!)]
            : [];
        return properties.Count == 0 ? "none" : string.Join(", ", properties.Select(p =>
            $"{p.Key}{(required.Contains(p.Key) ? "" : "?")}: {string.Join(" | ", Types(p.Value).Where(t => t != "null"))}"));
    }

    private static bool Matches(JsonElement property, JsonElement value, out string expected)
    {
        List<string> types = Types(property);
        expected = string.Join(" or ", types.Where(t => t != "null").Select(t => t switch
        {
            "array" when property.TryGetProperty("items", out JsonElement items) => $"an array of {string.Join("/", Types(items))}",
            "integer" => "an integer",
            "object" or "array" => "an " + t,
            _ => "a " + t,
        }));
        if (types.Count == 0)
        {
            return true;
        }
        foreach (string type in types)
        {
            bool ok = type switch
            {
                "string" => value.ValueKind == JsonValueKind.String,
                "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
                "number" => value.ValueKind == JsonValueKind.Number,
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "null" => value.ValueKind == JsonValueKind.Null,
                "object" => value.ValueKind == JsonValueKind.Object && ObjectValuesMatch(property, value),
                "array" => value.ValueKind == JsonValueKind.Array && (!property.TryGetProperty("items", out JsonElement items)
                    || value.EnumerateArray().All(item => Matches(items, item, out _))),
                _ => true,
            };
            if (ok)
            {
                return true;
            }
        }
        return false;
    }

    // A string map ({"task": "…"}) says so with additionalProperties; its values must then be strings.
    private static bool ObjectValuesMatch(JsonElement property, JsonElement value) =>
        !property.TryGetProperty("additionalProperties", out JsonElement values) || values.ValueKind != JsonValueKind.Object
        || value.EnumerateObject().All(p => Matches(values, p.Value, out _));

    private static List<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out JsonElement type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [];

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
