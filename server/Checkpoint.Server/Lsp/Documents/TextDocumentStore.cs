using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Checkpoint.Server.Lsp.Documents;

/// <summary>
/// The documents the client has open, by URI, as of the last didOpen/didChange. Written only by the
/// serial document-sync handlers; read from any thread (each read returns one consistent version).
/// </summary>
public sealed class TextDocumentStore
{
    private readonly ConcurrentDictionary<string, TextDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised after a document is opened or changed, on the serial document-sync path: handlers
    /// must be quick and must not wait for the client (start work on the pool instead).
    /// </summary>
    public event Action<TextDocument>? Changed;

    /// <summary>Raised after a document is closed, with its last version; same rules as <see cref="Changed"/>.</summary>
    public event Action<TextDocument>? Closed;

    /// <summary>Raised after the client saved a document, with its URI; same rules as <see cref="Changed"/>.</summary>
    public event Action<string>? Saved;

    /// <summary>The text and version of an open document.</summary>
    public bool TryGet(string uri, [NotNullWhen(true)] out string? text, out int version)
    {
        if (_documents.TryGetValue(uri, out TextDocument? document))
        {
            text = document.Text;
            version = document.Version;
            return true;
        }

        text = null;
        version = 0;
        return false;
    }

    /// <summary>An open document.</summary>
    public bool TryGet(string uri, [NotNullWhen(true)] out TextDocument? document) =>
        _documents.TryGetValue(uri, out document);

    /// <summary>The open documents.</summary>
    public IReadOnlyCollection<TextDocument> All => [.. _documents.Values];

    /// <summary>Records a document the client opened (replacing any stale copy).</summary>
    public TextDocument Open(TextDocumentItem item)
    {
        var document = new TextDocument(item.Uri, item.LanguageId, item.Version, item.Text);
        _documents[item.Uri] = document;
        Changed?.Invoke(document);
        return document;
    }

    /// <summary>Applies the changes of one didChange in order; null when the document is not open.</summary>
    public TextDocument? Change(VersionedTextDocumentIdentifier identifier, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        if (!_documents.TryGetValue(identifier.Uri, out TextDocument? current))
        {
            return null;
        }

        string text = current.Text;
        foreach (TextDocumentContentChangeEvent change in changes)
        {
            text = change.Range is null ? change.Text : Apply(text, change.Range, change.Text);
        }

        var document = current with { Version = identifier.Version, Text = text };
        _documents[identifier.Uri] = document;
        Changed?.Invoke(document);
        return document;
    }

    /// <summary>Forgets a document the client closed; false when it was not open.</summary>
    public bool Close(string uri)
    {
        if (!_documents.TryRemove(uri, out TextDocument? closed))
        {
            return false;
        }

        Closed?.Invoke(closed);
        return true;
    }

    /// <summary>Tells listeners the client saved the document to disk.</summary>
    public void MarkSaved(string uri) => Saved?.Invoke(uri);

    private static string Apply(string text, Range range, string replacement)
    {
        int start = TextPositions.OffsetOf(text, range.Start);
        int end = Math.Max(start, TextPositions.OffsetOf(text, range.End));
        return string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
    }
}
