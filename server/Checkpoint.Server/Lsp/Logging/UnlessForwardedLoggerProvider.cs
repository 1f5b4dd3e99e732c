using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp.Logging;

/// <summary>
/// Writes through <paramref name="inner"/> what the client is not receiving (<paramref name="isForwarded"/> false),
/// and warnings and errors always: they are what matters when the client has silently gone away.
/// </summary>
internal sealed class UnlessForwardedLoggerProvider(ILoggerProvider inner, Func<bool> isForwarded) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new UnlessForwardedLogger(inner.CreateLogger(categoryName), isForwarded);

    public void Dispose() => inner.Dispose();

    private sealed class UnlessForwardedLogger(ILogger inner, Func<bool> isForwarded) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning || !isForwarded())
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
