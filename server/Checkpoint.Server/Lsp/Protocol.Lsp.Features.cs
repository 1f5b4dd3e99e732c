using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Server.Lsp;

// The LSP 3.17 wire types of the notes features (code lenses, symbols, completion, diagnostics,
// commands, edits), named as in the specification; Position, Range and the document identifiers are
// in Protocol.Lsp.cs. Serialized through LspFeatureJsonContext.

/// <summary>Params of textDocument/codeLens.</summary>
public sealed class CodeLensParams
{
    /// <summary>The document.</summary>
    public required TextDocumentIdentifier TextDocument { get; init; }
}

/// <summary>LSP's <c>Command</c>: shown on a lens, run by the client (named apart from System.CommandLine's).</summary>
/// <param name="Title">The text shown.</param>
/// <param name="CommandId">The command id (<c>command</c> on the wire).</param>
/// <param name="Arguments">Passed to the command as is: strings and ints (each type must be in LspFeatureJsonContext).</param>
public sealed record LspCommand(
    string Title,
    [property: JsonPropertyName("command")] string CommandId,
    IReadOnlyList<object>? Arguments = null);

/// <summary>A command shown above a range.</summary>
/// <param name="Range">Where the lens is shown.</param>
/// <param name="Command">What it shows and runs; absent until codeLens/resolve fills it in.</param>
/// <param name="Data">What codeLens/resolve needs to fill it in (see <c>Notes/LensData</c>); the client sends it back unchanged.</param>
public sealed record CodeLens(Range Range, LspCommand? Command = null, IReadOnlyList<int>? Data = null);

/// <summary>Params of textDocument/documentSymbol.</summary>
public sealed class DocumentSymbolParams
{
    /// <summary>The document.</summary>
    public required TextDocumentIdentifier TextDocument { get; init; }
}

/// <summary>The LSP symbol kinds the outline uses (numbers as in the specification).</summary>
public enum SymbolKind
{
    /// <summary>A section of a Full checkpoint.</summary>
    Namespace = 3,
    /// <summary>A field.</summary>
    Field = 8,
    /// <summary>An entry.</summary>
    Event = 24,
}

/// <summary>A node of the hierarchical outline.</summary>
public sealed record DocumentSymbol(
    string Name,
    string? Detail,
    SymbolKind Kind,
    Range Range,
    Range SelectionRange,
    IReadOnlyList<DocumentSymbol>? Children);

/// <summary>Params of textDocument/completion.</summary>
public sealed class CompletionParams
{
    /// <summary>The document.</summary>
    public required TextDocumentIdentifier TextDocument { get; init; }

    /// <summary>The caret.</summary>
    public required Position Position { get; init; }
}

/// <summary>How <see cref="CompletionItem.TextEdit"/> text is read.</summary>
public enum InsertTextFormat
{
    /// <summary>Plain text.</summary>
    PlainText = 1,
    /// <summary>A snippet with tab stops (<c>$1</c>, <c>${2:default}</c>).</summary>
    Snippet = 2,
}

/// <summary>The LSP completion item kinds used here.</summary>
public enum CompletionItemKind
{
    /// <summary>A template.</summary>
    Snippet = 15,
}

/// <summary>Markdown or plain text.</summary>
public sealed record MarkupContent(string Kind, string Value);

/// <summary>A replacement of a range.</summary>
public sealed record TextEdit(Range Range, string NewText);

/// <summary>One completion proposal.</summary>
public sealed record CompletionItem
{
    /// <summary>The name shown.</summary>
    public required string Label { get; init; }
    /// <summary>What kind of thing it is.</summary>
    public CompletionItemKind? Kind { get; init; }
    /// <summary>Shown beside the label.</summary>
    public string? Detail { get; init; }
    /// <summary>Shown in the details pane.</summary>
    public MarkupContent? Documentation { get; init; }
    /// <summary>Ordering among the items.</summary>
    public string? SortText { get; init; }
    /// <summary>What the typed prefix is matched against.</summary>
    public string? FilterText { get; init; }
    /// <summary>How <see cref="TextEdit"/>'s text is read.</summary>
    public InsertTextFormat? InsertTextFormat { get; init; }
    /// <summary>What the item replaces and with what.</summary>
    public TextEdit? TextEdit { get; init; }
}

/// <summary>The LSP diagnostic severities.</summary>
public enum DiagnosticSeverity
{
    /// <summary>An error.</summary>
    Error = 1,
    /// <summary>A warning.</summary>
    Warning = 2,
    /// <summary>Information.</summary>
    Information = 3,
    /// <summary>A hint.</summary>
    Hint = 4,
}

/// <summary>A finding about a range of a document.</summary>
public sealed record Diagnostic(Range Range, DiagnosticSeverity Severity, string Code, string Source, string Message);

/// <summary>Params of textDocument/publishDiagnostics.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Params of workspace/executeCommand.</summary>
public sealed class ExecuteCommandParams
{
    /// <summary>The command id.</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<JsonElement>? Arguments { get; init; }

    /// <summary>A progress token the client created for this command.</summary>
    public JsonElement? WorkDoneToken { get; init; }
}

/// <summary>Edits by document uri.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>Params of workspace/applyEdit (server → client).</summary>
public sealed record ApplyWorkspaceEditParams(string Label, WorkspaceEdit Edit);

/// <summary>Result of workspace/applyEdit.</summary>
public sealed class ApplyWorkspaceEditResult
{
    /// <summary>Whether the client applied the edit.</summary>
    public bool Applied { get; init; }

    /// <summary>Why not, when it did not.</summary>
    public string? FailureReason { get; init; }
}
