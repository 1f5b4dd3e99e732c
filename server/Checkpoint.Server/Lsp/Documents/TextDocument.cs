namespace Checkpoint.Server.Lsp.Documents;

/// <summary>An open document as the client last sent it. Immutable: a change makes a new one.</summary>
/// <param name="Uri">The URI, exactly as the client sent it (the key of the store).</param>
/// <param name="LanguageId">The client's language id.</param>
/// <param name="Version">The client's version number.</param>
/// <param name="Text">The full text.</param>
public sealed record TextDocument(string Uri, string LanguageId, int Version, string Text);
