using Checkpoint.Core;

namespace Checkpoint.Server.Cli.Rendering;

/// <summary>
/// One self-overwriting line on stderr (<c>hashing 1,200/3,000</c>) while a long operation runs.
/// Only when stderr is a terminal: logs and pipes get no carriage returns.
/// </summary>
internal sealed class TerminalProgress : IProgress<OperationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _terminal;
    private readonly Lock _gate = new();
    private DateTime _lastWrite = DateTime.MinValue;
    private int _lineLength;

    private TerminalProgress(TextWriter terminal) => _terminal = terminal;

    /// <summary>A progress line on the console's stderr, or null when stderr is redirected.</summary>
    public static TerminalProgress? ForConsole() => Console.IsErrorRedirected ? null : new TerminalProgress(Console.Error);

    public void Report(OperationProgress value)
    {
        lock (_gate)
        {
            // Reports arrive from parallel hashing threads; a redraw every 100 ms is plenty.
            var now = DateTime.UtcNow;
            if (now - _lastWrite < Interval)
                return;
            _lastWrite = now;
            var line = value.Total > 0 ? $"{value.Phase} {Units.Count(value.Done)}/{Units.Count(value.Total)}" : $"{value.Phase} {Units.Count(value.Done)}";
            _terminal.Write("\r" + line.PadRight(_lineLength));
            _lineLength = line.Length;
        }
    }

    /// <summary>Erases the line, so the result starts on a clean line.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_lineLength == 0)
                return;
            _terminal.Write("\r" + new string(' ', _lineLength) + "\r");
            _lineLength = 0;
        }
    }
}
