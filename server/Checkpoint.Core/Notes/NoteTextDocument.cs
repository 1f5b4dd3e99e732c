namespace Checkpoint.Core.Notes;

/// <summary>A note as an editor holds it: identity, version and the current text.</summary>
/// <param name="Uri">The document's uri (or path); the cache key.</param>
/// <param name="Version">The editor's version; a new version means new text.</param>
/// <param name="Text">The whole text.</param>
public sealed record NoteTextDocument(string Uri, int Version, string Text);
