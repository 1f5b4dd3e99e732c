using System.Text.Json.Nodes;

namespace Checkpoint.Core.Store;

/// <summary>
/// A <see cref="JsonObject"/> parsed from JSON that repeats a key holds both until it is first read, and then throws
/// wherever that happens (show, a report, a copy). Writer and reader check the whole tree up front instead.
/// </summary>
internal static class MetadataKeys
{
    /// <summary>null when no object in the tree repeats a key; otherwise what the parser said.</summary>
    public static string? RepeatedKey(JsonNode? node)
    {
        try
        {
            Walk(node);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static void Walk(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (KeyValuePair<string, JsonNode?> pair in obj)
            {
                Walk(pair.Value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                Walk(item);
            }
        }
    }
}
