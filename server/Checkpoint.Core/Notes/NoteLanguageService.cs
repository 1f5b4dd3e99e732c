using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Notes;

/// <summary>
/// The episodic-notes language service, free of any transport: one provider per feature, every call takes
/// the document and a cancellation token, and all features share one parse per document version.
/// The LSP handlers only translate these results. A note above <see cref="NoteLanguageServiceOptions.MaxFullFeatureLength"/>
/// gets fewer features rather than slow ones (see there).
/// </summary>
public sealed class NoteLanguageService
{
    private readonly NoteDocumentCache _cache;
    private readonly NoteCodeLensProvider _codeLenses = new();
    private readonly NoteSymbolProvider _symbols = new();
    private readonly NoteDiagnosticsProvider _diagnostics;
    private readonly NoteCompletionProvider _completions;

    /// <summary>A service for one workspace.</summary>
    public NoteLanguageService(NoteLanguageServiceOptions? options = null)
    {
        options ??= new NoteLanguageServiceOptions();
        _cache = new NoteDocumentCache(options.MaxFullFeatureLength);
        _diagnostics = new NoteDiagnosticsProvider(options.WorkspaceRoot, options.PathExists, options.MaxFullFeatureLength);
        _completions = new NoteCompletionProvider(options.Clock ?? TimeProvider.System);
    }

    /// <summary>The parse of this document version (cached; a new version is parsed again).</summary>
    public NoteDocument GetDocument(NoteTextDocument document, CancellationToken cancellationToken = default) =>
        _cache.Get(document, cancellationToken);

    /// <summary>Forgets a document's parse (call on didClose, and after work on a note that is not open).</summary>
    public void Forget(string uri) => _cache.Remove(uri);

    /// <summary>How many documents have a parse kept: a host that forgets closed notes has at most one per open note.</summary>
    public int CachedDocumentCount => _cache.Count;

    /// <summary>Code lenses for every entry heading.</summary>
    public IReadOnlyList<NoteCodeLens> GetCodeLenses(NoteTextDocument document, CancellationToken cancellationToken = default) =>
        _codeLenses.Provide(GetDocument(document, cancellationToken), cancellationToken);

    /// <summary>Code lenses for every entry heading of a parse already in hand (from <see cref="GetDocument"/>).</summary>
    public IReadOnlyList<NoteCodeLens> GetCodeLenses(NoteDocument parsed, CancellationToken cancellationToken = default) =>
        _codeLenses.Provide(parsed, cancellationToken);

    /// <summary>The lenses of one entry of a parse (the lenses of a note are its entries' lenses in order).</summary>
    public IReadOnlyList<NoteCodeLens> GetCodeLenses(NoteDocument parsed, NoteEntry entry) =>
        _codeLenses.ProvideFor(parsed, entry);

    /// <summary>The lenses of the entry whose heading is on <paramref name="headingLine"/> (for a lens resolved on its own).</summary>
    public IReadOnlyList<NoteCodeLens> GetCodeLensesAt(NoteDocument parsed, int headingLine) =>
        _codeLenses.ProvideAt(parsed, headingLine);

    /// <summary>The outline of the day's entries.</summary>
    public IReadOnlyList<NoteSymbol> GetDocumentSymbols(NoteTextDocument document, CancellationToken cancellationToken = default) =>
        _symbols.Provide(GetDocument(document, cancellationToken), cancellationToken);

    /// <summary>Missing fields, placeholders, format/threshold mismatches and missing files.</summary>
    public IReadOnlyList<NoteDiagnostic> GetDiagnostics(NoteTextDocument document, CancellationToken cancellationToken = default) =>
        _diagnostics.Provide(GetDocument(document, cancellationToken), cancellationToken);

    /// <summary>The five templates when <paramref name="position"/> is at the start of a line; otherwise none.</summary>
    public IReadOnlyList<NoteCompletionItem> GetCompletions(NoteTextDocument document, TextPosition position, CancellationToken cancellationToken = default) =>
        _completions.Provide(GetDocument(document, cancellationToken), position, cancellationToken);

    /// <summary>The entry whose range covers <paramref name="line"/>, read whole even in an outline-only note; or null.</summary>
    public NoteEntry? GetEntryAt(NoteTextDocument document, int line, CancellationToken cancellationToken = default)
    {
        var parsed = GetDocument(document, cancellationToken);
        return Whole(parsed, parsed.EntryAtLine(line), cancellationToken);
    }

    /// <summary>The recovery brief of the entry covering <paramref name="line"/> (the lens passes the heading line), or null.</summary>
    public string? GetResumeBrief(NoteTextDocument document, int line, CancellationToken cancellationToken = default) =>
        GetEntryAt(document, line, cancellationToken) is { } entry ? ResumeBrief.For(entry) : null;

    /// <summary>The most recent checkpoint of the note (see <see cref="NoteDocument.LatestEntry"/>).</summary>
    public NoteEntry? GetLatestEntry(NoteTextDocument document, bool includeQuickNotes = false, CancellationToken cancellationToken = default)
    {
        var parsed = GetDocument(document, cancellationToken);
        return Whole(parsed, parsed.LatestEntry(includeQuickNotes), cancellationToken);
    }

    /// <summary>
    /// The edit that links <paramref name="snapshotId"/> from the entry covering <paramref name="line"/>:
    /// it replaces the id of an existing <c>**Snapshot:**</c> line, or appends one after the entry's last line.
    /// Null when no entry covers the line.
    /// </summary>
    public NoteTextEdit? GetSnapshotLinkEdit(NoteTextDocument document, int line, string snapshotId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotId);
        var parsed = GetDocument(document, cancellationToken);
        if (Whole(parsed, parsed.EntryAtLine(line), cancellationToken) is not { } entry) return null;
        if (entry.Fields.LastOrDefault(f => f.Is(NoteLabels.Snapshot)) is { } existing)
        {
            return existing.Value.Length > 0
                ? new NoteTextEdit(existing.ValueRange, snapshotId)
                : new NoteTextEdit(existing.ValueRange, " " + snapshotId);
        }
        var newline = parsed.LineEnding;
        var end = entry.Range.End;
        return new NoteTextEdit(new TextRange(end, end), $"{newline}{newline}**{NoteLabels.Snapshot}:** {snapshotId}");
    }

    // An outline-only note's entries have their headings only; a command that reads one gets all of it.
    private static NoteEntry? Whole(NoteDocument parsed, NoteEntry? entry, CancellationToken cancellationToken) =>
        entry is not null && parsed.IsOutlineOnly ? NoteOutlineParser.ReadWhole(parsed, entry, cancellationToken) : entry;
}
