using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>What the editor does with the server's lenses: textDocument/codeLens, then codeLens/resolve for each.</summary>
public static class ResolvedLenses
{
    /// <summary>The lenses of <paramref name="uri"/> with their titles and commands, in the server's order.</summary>
    public static async Task<List<JsonElement>> OfAsync(LspTestClient client, string uri)
    {
        var unresolved = await client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri } });
        var lenses = unresolved.EnumerateArray().ToList();
        Assert.IsTrue(lenses.All(lens => !lens.TryGetProperty("command", out _)), "lenses come unresolved: the editor resolves the ones on screen");
        return [.. await Task.WhenAll(lenses.Select(lens => client.ResultAsync("codeLens/resolve", lens)))];
    }
}
