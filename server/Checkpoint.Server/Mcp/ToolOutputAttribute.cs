namespace Checkpoint.Server.Mcp;

/// <summary>The type of a tool's structured result, whose output schema <see cref="McpServerHost"/> builds from our JSON context.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ToolOutputAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
