using Checkpoint.Core.Notes.Analysis;
using Checkpoint.Server.Lsp.Documents;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Notes;

/// <summary>
/// Pushes textDocument/publishDiagnostics for open notes: after a change has been quiet for a moment,
/// for the latest version only; an empty list when the note closes so its problems leave the panel.
/// </summary>
internal sealed class NoteDiagnosticsPublisher : IDisposable
{
    public const string Method = "textDocument/publishDiagnostics";

    // Long enough to skip the versions of a typing burst, short enough to feel live.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(150);

    private readonly IJsonRpcConnection _connection;
    private readonly OpenNotes _notes;
    private readonly Lazy<CheckpointWorkspace> _workspace;
    private readonly DebouncedDocumentWork _pending;

    public NoteDiagnosticsPublisher(IJsonRpcConnection connection, TextDocumentStore documents, OpenNotes notes, Lazy<CheckpointWorkspace> workspace, ILogger<NoteDiagnosticsPublisher> logger)
    {
        _connection = connection;
        _notes = notes;
        _workspace = workspace;
        _pending = new DebouncedDocumentWork(QuietPeriod, PublishAsync, logger);

        // These events fire on the serial document-sync path: only schedule here, never wait.
        documents.Changed += document =>
        {
            if (_notes.IsNote(document.Uri))
            {
                _pending.Schedule(document.Uri);
            }
        };
        documents.Closed += document =>
        {
            if (_notes.IsNote(document.Uri))
            {
                _pending.Cancel(document.Uri);
                _ = SendAsync(new PublishDiagnosticsParams(document.Uri, null, []));
            }
        };
    }

    private async Task PublishAsync(string uri, CancellationToken cancellationToken)
    {
        // Analyse whatever is current now: a newer version scheduled its own run and cancels this one.
        if (_notes.TryGetOpen(uri) is not { } note)
        {
            return;
        }

        IReadOnlyList<NoteDiagnostic> diagnostics;
        try
        {
            diagnostics = _workspace.Value.Notes.GetDiagnostics(note, cancellationToken);
        }
        finally
        {
            // This run is not ordered with didClose: the note may have closed while it parsed.
            _notes.ForgetUnlessOpen(uri);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await SendAsync(new PublishDiagnosticsParams(uri, note.Version, [.. diagnostics.Select(NoteLspTranslation.ToLsp)])).ConfigureAwait(false);
    }

    private async Task SendAsync(PublishDiagnosticsParams parameters)
    {
        try
        {
            await _connection.SendNotificationAsync(Method, parameters, LspFeatureJsonContext.Default.PublishDiagnosticsParams).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pending.Dispose();
}
