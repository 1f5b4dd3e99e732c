using System.Text.Json;

namespace Checkpoint.Server.Lsp;

// The subset of LSP 3.17 wire types the server uses, named as in the specification. Checkpoint's
// own requests live in Protocol.Checkpoint*.cs; everything is serialized through LspJsonContext.

/// <summary>A zero-based line and UTF-16 column.</summary>
public sealed record Position(int Line, int Character);

/// <summary>A span between two positions; <see cref="End"/> is exclusive.</summary>
public sealed record Range(Position Start, Position End);

/// <summary>Names a text document by its URI.</summary>
public sealed class TextDocumentIdentifier
{
    /// <summary>The document's URI, as the client sent it.</summary>
    public required string Uri { get; init; }
}

/// <summary>Names a text document at a version.</summary>
public sealed class VersionedTextDocumentIdentifier
{
    /// <summary>The document's URI, as the client sent it.</summary>
    public required string Uri { get; init; }

    /// <summary>The version after the change.</summary>
    public required int Version { get; init; }
}

/// <summary>A document as the client opened it.</summary>
public sealed class TextDocumentItem
{
    /// <summary>The document's URI.</summary>
    public required string Uri { get; init; }

    /// <summary>The client's language id ("markdown").</summary>
    public string LanguageId { get; init; } = string.Empty;

    /// <summary>The version, increasing with each change.</summary>
    public required int Version { get; init; }

    /// <summary>The full text.</summary>
    public required string Text { get; init; }
}

/// <summary>Params of textDocument/didOpen.</summary>
public sealed class DidOpenTextDocumentParams
{
    /// <summary>The opened document.</summary>
    public required TextDocumentItem TextDocument { get; init; }
}

/// <summary>One change: the whole new text, or (when <see cref="Range"/> is set) a replacement of that range.</summary>
public sealed class TextDocumentContentChangeEvent
{
    /// <summary>The replaced range; null means <see cref="Text"/> is the whole document.</summary>
    public Range? Range { get; init; }

    /// <summary>The new text of the range or of the document.</summary>
    public required string Text { get; init; }
}

/// <summary>Params of textDocument/didChange.</summary>
public sealed class DidChangeTextDocumentParams
{
    /// <summary>The document and its version after the changes.</summary>
    public required VersionedTextDocumentIdentifier TextDocument { get; init; }

    /// <summary>The changes, applied in order.</summary>
    public required IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges { get; init; }
}

/// <summary>Params of textDocument/didClose.</summary>
public sealed class DidCloseTextDocumentParams
{
    /// <summary>The closed document.</summary>
    public required TextDocumentIdentifier TextDocument { get; init; }
}

/// <summary>Params of textDocument/didSave.</summary>
public sealed class DidSaveTextDocumentParams
{
    /// <summary>The saved document.</summary>
    public required TextDocumentIdentifier TextDocument { get; init; }

    /// <summary>The saved text, when the server asked for it (we do not).</summary>
    public string? Text { get; init; }
}

/// <summary>Params of initialize.</summary>
public sealed class InitializeParams
{
    /// <summary>The client's process id; the server exits when it is gone.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The client's name and version.</summary>
    public ClientInfo? ClientInfo { get; init; }

    /// <summary>Deprecated in favour of <see cref="WorkspaceFolders"/>, still sent.</summary>
    public string? RootUri { get; init; }

    /// <summary>Deprecated in favour of <see cref="RootUri"/>.</summary>
    public string? RootPath { get; init; }

    /// <summary>The open workspace folders; null when none is open.</summary>
    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }

    /// <summary>What the client supports.</summary>
    public ClientCapabilities Capabilities { get; init; } = new();

    /// <summary>The extension's own options, passed through.</summary>
    public JsonElement? InitializationOptions { get; init; }

    /// <summary>"off", "messages" or "verbose".</summary>
    public string? Trace { get; init; }
}

/// <summary>The client's name and version.</summary>
public sealed class ClientInfo
{
    /// <summary>Its name, e.g. "Visual Studio Code".</summary>
    public required string Name { get; init; }

    /// <summary>Its version.</summary>
    public string? Version { get; init; }
}

/// <summary>A folder open in the client.</summary>
public sealed class WorkspaceFolder
{
    /// <summary>The folder's URI.</summary>
    public required string Uri { get; init; }

    /// <summary>Its display name.</summary>
    public required string Name { get; init; }
}

/// <summary>The client capabilities the server looks at; the rest is kept raw.</summary>
public sealed class ClientCapabilities
{
    /// <summary>Workspace capabilities.</summary>
    public WorkspaceClientCapabilities? Workspace { get; init; }

    /// <summary>Window capabilities.</summary>
    public WindowClientCapabilities? Window { get; init; }

    /// <summary>Text document capabilities, not interpreted yet.</summary>
    public JsonElement? TextDocument { get; init; }

    /// <summary>General capabilities, not interpreted yet.</summary>
    public JsonElement? General { get; init; }
}

/// <summary>Workspace capabilities of the client.</summary>
public sealed class WorkspaceClientCapabilities
{
    /// <summary>The client accepts workspace/applyEdit.</summary>
    public bool? ApplyEdit { get; init; }

    /// <summary>The client supports workspace folders.</summary>
    public bool? WorkspaceFolders { get; init; }
}

/// <summary>Window capabilities of the client.</summary>
public sealed class WindowClientCapabilities
{
    /// <summary>The client accepts window/workDoneProgress/create and $/progress.</summary>
    public bool? WorkDoneProgress { get; init; }
}

/// <summary>Result of initialize.</summary>
public sealed class InitializeResult
{
    /// <summary>What the server provides.</summary>
    public required ServerCapabilities Capabilities { get; init; }

    /// <summary>The server's name and version.</summary>
    public ServerInfo? ServerInfo { get; init; }
}

/// <summary>The server's name and version.</summary>
public sealed class ServerInfo
{
    /// <summary>"checkpoint".</summary>
    public required string Name { get; init; }

    /// <summary>The server's version.</summary>
    public string? Version { get; init; }
}

/// <summary>
/// What the server provides. Filled where the handlers are registered (HandlerRegistry), so a
/// capability is advertised exactly when its handler exists.
/// </summary>
public sealed class ServerCapabilities
{
    /// <summary>How documents are synchronised.</summary>
    public TextDocumentSyncOptions? TextDocumentSync { get; set; }

    /// <summary>Code lenses, when provided.</summary>
    public CodeLensOptions? CodeLensProvider { get; set; }

    /// <summary>Document symbols, when provided.</summary>
    public bool? DocumentSymbolProvider { get; set; }

    /// <summary>Completion, when provided.</summary>
    public CompletionOptions? CompletionProvider { get; set; }

    /// <summary>The commands workspace/executeCommand accepts, when any.</summary>
    public ExecuteCommandOptions? ExecuteCommandProvider { get; set; }
}

/// <summary>How the client sends document text.</summary>
public enum TextDocumentSyncKind
{
    /// <summary>Not at all.</summary>
    None = 0,

    /// <summary>The whole text on every change.</summary>
    Full = 1,

    /// <summary>Only the changed ranges.</summary>
    Incremental = 2,
}

/// <summary>Document synchronisation options.</summary>
public sealed class TextDocumentSyncOptions
{
    /// <summary>Send didOpen and didClose.</summary>
    public bool OpenClose { get; init; }

    /// <summary>How didChange carries the text.</summary>
    public TextDocumentSyncKind Change { get; init; }

    /// <summary>Send didSave.</summary>
    public SaveOptions? Save { get; init; }
}

/// <summary>didSave options.</summary>
public sealed class SaveOptions
{
    /// <summary>Include the text in didSave.</summary>
    public bool IncludeText { get; init; }
}

/// <summary>Code lens options.</summary>
public sealed class CodeLensOptions
{
    /// <summary>Lenses are resolved lazily through codeLens/resolve.</summary>
    public bool ResolveProvider { get; init; }
}

/// <summary>Completion options.</summary>
public sealed class CompletionOptions
{
    /// <summary>Characters that trigger completion besides typing a word.</summary>
    public IReadOnlyList<string>? TriggerCharacters { get; init; }

    /// <summary>Items are resolved lazily through completionItem/resolve.</summary>
    public bool? ResolveProvider { get; init; }
}

/// <summary>workspace/executeCommand options.</summary>
public sealed class ExecuteCommandOptions
{
    /// <summary>The command ids the server executes.</summary>
    public List<string> Commands { get; init; } = [];
}

/// <summary>Severity of window/logMessage.</summary>
public enum MessageType
{
    /// <summary>An error.</summary>
    Error = 1,

    /// <summary>A warning.</summary>
    Warning = 2,

    /// <summary>Information.</summary>
    Info = 3,

    /// <summary>A log line.</summary>
    Log = 4,
}

/// <summary>Params of window/logMessage.</summary>
public sealed class LogMessageParams
{
    /// <summary>The severity.</summary>
    public required MessageType Type { get; init; }

    /// <summary>The text.</summary>
    public required string Message { get; init; }
}

/// <summary>Params of window/workDoneProgress/create and window/workDoneProgress/cancel.</summary>
public sealed class WorkDoneProgressTokenParams
{
    /// <summary>The progress token: an integer or a string.</summary>
    public required JsonElement Token { get; init; }
}

/// <summary>Params of $/progress for work-done progress.</summary>
public sealed class WorkDoneProgressParams
{
    /// <summary>The token from create (or the client's workDoneToken).</summary>
    public required JsonElement Token { get; init; }

    /// <summary>The begin, report or end value.</summary>
    public required WorkDoneProgressValue Value { get; init; }
}

/// <summary>A work-done progress value; which members are set depends on <see cref="Kind"/>.</summary>
public sealed class WorkDoneProgressValue
{
    /// <summary>"begin", "report" or "end".</summary>
    public required string Kind { get; init; }

    /// <summary>begin only: the operation's title.</summary>
    public string? Title { get; init; }

    /// <summary>begin/report: whether the client may offer a cancel button.</summary>
    public bool? Cancellable { get; init; }

    /// <summary>Detail shown after the title.</summary>
    public string? Message { get; init; }

    /// <summary>0–100, when the amount of work is known.</summary>
    public int? Percentage { get; init; }
}
