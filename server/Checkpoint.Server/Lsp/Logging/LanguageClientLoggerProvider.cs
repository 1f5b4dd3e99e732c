using Checkpoint.Server.Lsp.Lifecycle;
using Checkpoint.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Logging;

/// <summary>
/// Forwards log entries to the client as window/logMessage (VS Code shows them in the server's
/// output channel). Silent until attached, and until initialize has arrived: the protocol allows
/// no notification before it.
/// </summary>
public sealed class LanguageClientLoggerProvider(LogLevel minimumLevel) : ILoggerProvider
{
    private const string LogMessageMethod = "window/logMessage";

    private readonly LogLevel _minimumLevel = minimumLevel;

    private volatile IJsonRpcConnection? _connection;
    private ServerLifecycle? _lifecycle;

    /// <summary>Forwards to <paramref name="connection"/> once <paramref name="lifecycle"/> has seen initialize.</summary>
    public void Attach(IJsonRpcConnection connection, ServerLifecycle lifecycle)
    {
        _lifecycle = lifecycle;
        _connection = connection;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ClientLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() => _connection = null;

    private void Send(LogLevel level, string category, string message)
    {
        if (_connection is not { } connection || _lifecycle?.Phase is null or LifecyclePhase.AwaitingInitialize)
        {
            return;
        }

        var parameters = new LogMessageParams { Type = TypeOf(level), Message = $"[{ShortName(category)}] {message}" };
        _ = SendQuietlyAsync(connection, parameters);
    }

    // A failed log line must not itself log (that would loop through this provider).
    private static async Task SendQuietlyAsync(IJsonRpcConnection connection, LogMessageParams parameters)
    {
        try
        {
            await connection.SendNotificationAsync(LogMessageMethod, parameters, LspJsonContext.Default.LogMessageParams).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
        }
    }

    private static MessageType TypeOf(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => MessageType.Error,
        LogLevel.Warning => MessageType.Warning,
        LogLevel.Information => MessageType.Info,
        _ => MessageType.Log,
    };

    private static string ShortName(string category) => category[(category.LastIndexOf('.') + 1)..];

    private sealed class ClientLogger(LanguageClientLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception);
            if (exception is not null)
            {
                message += Environment.NewLine + exception;
            }

            provider.Send(logLevel, category, message);
        }
    }
}
