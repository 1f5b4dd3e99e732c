using System.Text.Json;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>What the editor does with the server's lenses: textDocument/codeLens, then codeLens/resolve for each lens that came without its command.</summary>
public static class ResolvedLenses
{
    /// <summary>The lenses of <paramref name="uri"/> with their titles and commands, in the server's order.</summary>
    public static async Task<List<JsonElement>> OfAsync(LspTestClient client, string uri)
    {
        var unresolved = await client.ResultAsync("textDocument/codeLens", new { textDocument = new { uri } });
        var lenses = unresolved.EnumerateArray().ToList();
        // Every resolve is sent at once (hundreds for a large note) and the server answers them in any order, so the
        // first one sent may be the last answered: each waits as long as the whole batch may take on a loaded machine.
        return [.. await Task.WhenAll(lenses.Select(lens => lens.TryGetProperty("command", out _) ? Task.FromResult(lens) : client.ResultAsync("codeLens/resolve", lens, TimeSpan.FromSeconds(120))))];
    }
}
