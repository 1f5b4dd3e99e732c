using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>The notes service's results in LSP's wire shapes — translation only, no decisions.</summary>
internal static class NoteLspTranslation
{
    /// <summary>Shown as the diagnostics' source in the Problems panel.</summary>
    public const string DiagnosticSource = "checkpoint";

    public static Range ToLsp(TextRange range) =>
        new(new Position(range.Start.Line, range.Start.Character), new Position(range.End.Line, range.End.Character));

    public static TextPosition FromLsp(Position position) => new(position.Line, position.Character);

    public static CodeLens ToLsp(NoteCodeLens lens) =>
        new(ToLsp(lens.Range), new LspCommand(lens.Title, CommandId(lens.Kind), lens.Arguments));

    public static DocumentSymbol ToLsp(NoteSymbol symbol) =>
        new(symbol.Name,
            symbol.Detail,
            symbol.Kind switch
            {
                NoteSymbolKind.Entry => SymbolKind.Event,
                NoteSymbolKind.Section => SymbolKind.Namespace,
                _ => SymbolKind.Field,
            },
            ToLsp(symbol.Range),
            ToLsp(symbol.SelectionRange),
            [.. symbol.Children.Select(ToLsp)]);

    public static CompletionItem ToLsp(NoteCompletionItem item) => new()
    {
        Label = item.Label,
        Kind = CompletionItemKind.Snippet,
        Detail = item.Detail,
        Documentation = new MarkupContent("markdown", item.Documentation),
        SortText = item.SortText,
        FilterText = item.FilterText,
        InsertTextFormat = InsertTextFormat.Snippet,
        TextEdit = new TextEdit(ToLsp(item.ReplaceRange), item.Snippet),
    };

    public static Diagnostic ToLsp(NoteDiagnostic diagnostic) =>
        new(ToLsp(diagnostic.Range), (DiagnosticSeverity)(int)diagnostic.Severity, diagnostic.Code, DiagnosticSource, diagnostic.Message);

    public static TextEdit ToLsp(NoteTextEdit edit) => new(ToLsp(edit.Range), edit.NewText);

    private static string CommandId(NoteCodeLensKind kind) => kind switch
    {
        NoteCodeLensKind.ResumeBrief => LensCommands.ResumeBrief,
        NoteCodeLensKind.SnapshotNow => LensCommands.SnapshotNow,
        NoteCodeLensKind.RestoreSnapshot => LensCommands.RestoreSnapshot,
        NoteCodeLensKind.Progress => LensCommands.ShowProgress,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A lens kind without a command id in protocol.ts."),
    };
}
