using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Checkpoint.Core;
using Checkpoint.Server.Json;
using ModelContextProtocol.Protocol;

namespace Checkpoint.Server.Mcp;

/// <summary>How every tool answers: structured content for the program, one short text for the model.</summary>
internal static class ToolAnswer
{
    public static CallToolResult Ok<T>(T value, JsonTypeInfo<T> type, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(value, type),
    };

    /// <summary>
    /// A failure the agent can act on: <c>isError</c>, the message (it says what is allowed) and, for an unknown
    /// checkpoint, what exists. No structured content: it would have to match the tool's output schema.
    /// </summary>
    public static CallToolResult Error(string message, IReadOnlyList<string>? available = null) => new()
    {
        IsError = true,
        Content = [new TextContentBlock
        {
            Text = available is { Count: > 0 } && !available.All(message.Contains)
                ? $"{message} Available: {string.Join(", ", available)}."
                : message,
        }],
    };

    public static CallToolResult Error(CheckpointException failure) =>
        Error($"{ErrorDocument.WireName(failure.Kind)}: {failure.Message}", failure.Available);
}
