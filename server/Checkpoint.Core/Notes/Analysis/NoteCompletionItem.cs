namespace Checkpoint.Core.Notes.Analysis;

/// <summary>A template offered as a completion, shaped like LSP's CompletionItem with a snippet text edit.</summary>
/// <param name="Label">The name shown, e.g. "Emergency checkpoint".</param>
/// <param name="Detail">The heading it writes and the context band it is for.</param>
/// <param name="Documentation">Markdown: the template as it will read.</param>
/// <param name="Snippet">The snippet text (LSP InsertTextFormat.Snippet).</param>
/// <param name="ReplaceRange">What the snippet replaces: the <c>#</c>s and text typed so far on the line.</param>
/// <param name="FilterText">Text the client filters the typed prefix against, e.g. "## EMERGENCY CHECKPOINT".</param>
/// <param name="SortText">Keeps the seed's order: Full, Emergency, Survival, Pre-Operation, Quick Note.</param>
/// <param name="Format">The format the template writes.</param>
public sealed record NoteCompletionItem(
    string Label,
    string Detail,
    string Documentation,
    string Snippet,
    TextRange ReplaceRange,
    string FilterText,
    string SortText,
    NoteFormat Format);
