using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Mcp;

/// <summary>
/// Asking the user through MCP elicitation, when the client says it can: the question goes to the person, not
/// to the model, so an agent cannot confirm its own destructive call. Without it, the two-step token is the rule.
/// </summary>
internal static class Confirmations
{
    private const string Field = "confirm";

    public static bool ClientCanBeAsked(McpServer server) => server.ClientCapabilities?.Elicitation is not null;

    /// <summary>True only when the user accepted and ticked the confirmation.</summary>
    public static async Task<bool> AskAsync(McpServer server, string question, CancellationToken cancellationToken)
    {
        ElicitResult answer = await server.ElicitAsync(new ElicitRequestParams
        {
            Message = question,
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [Field] = new ElicitRequestParams.BooleanSchema { Title = "Confirm", Description = "Tick to go ahead." },
                },
                Required = [Field],
            },
        }, cancellationToken).ConfigureAwait(false);
        return answer.IsAccepted
            && answer.Content is { } content
            && content.TryGetValue(Field, out var value)
            && value.ValueKind == System.Text.Json.JsonValueKind.True;
    }
}
