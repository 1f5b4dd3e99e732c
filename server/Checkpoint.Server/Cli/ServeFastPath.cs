using System.Runtime.InteropServices;
using Checkpoint.Server.Lsp;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Cli;

/// <summary>
/// Starts <c>checkpoint serve</c> without building the command line: the editor spawns the server on
/// every window and waits for its initialize answer, and building every verb's options with
/// System.CommandLine (and compiling its generic code just in time) was a large share of that wait.
/// </summary>
/// <remarks>
/// Only argument lists this class fully understands take the fast path: the word <c>serve</c> and
/// <c>serve</c>'s own options with values the parser would accept (not <c>--root</c>/<c>--store</c>, which
/// <see cref="ServeVerb"/> refuses). Anything else — help, a typo, a malformed value,
/// <c>--opt=value</c> forms, a repeated option — goes to <see cref="CheckpointCommandLine"/>, so every
/// error message and exit code stays the parser's.
/// </remarks>
internal static class ServeFastPath
{
    // System.CommandLine's exit codes when a termination signal ends an invocation that does not finish in time.
    private const int InterruptedExitCode = 130;
    private const int TerminatedExitCode = 143;

    // As long as System.CommandLine's default ProcessTerminationTimeout.
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The options of <paramref name="args"/> when it is a plain <c>serve</c> invocation; false (and
    /// <paramref name="options"/> null) when the command line parser must handle it.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, out ServeOptions? options)
    {
        options = null;
        bool serve = false, stdio = false, clientProcess = false, logLevelSeen = false;
        int? clientProcessId = null;
        var logLevel = LogLevel.Information;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            switch (token)
            {
                case "serve" when !serve:
                    serve = true;
                    break;
                case "--stdio" when serve && !stdio:
                    stdio = true;
                    break;
                case "--clientProcessId" when serve && !clientProcess && HasValue(args, i) && IsPlainInt(args[i + 1], out var pid):
                    clientProcess = true;
                    clientProcessId = pid;
                    i++;
                    break;
                case "--log-level" when serve && !logLevelSeen && HasValue(args, i) && IsLevelName(args[i + 1], out var level):
                    logLevelSeen = true;
                    logLevel = level;
                    i++;
                    break;
                default:
                    return false;
            }
        }
        if (!serve) return false;
        options = new ServeOptions { ClientProcessId = clientProcessId, LogLevel = logLevel };
        return true;
    }

    /// <summary>
    /// Runs the server as the parser's invocation would: a first SIGINT or SIGTERM cancels it, and if it
    /// has not ended within the parser's grace period the process exits with 130 or 143.
    /// </summary>
    public static async Task<int> RunAsync(ServeOptions options)
    {
        using var cancellation = new CancellationTokenSource();
        var forced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? serving = null;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
            var exitCode = context.Signal == PosixSignal.SIGINT ? InterruptedExitCode : TerminatedExitCode;
            if (serving is null || !serving.Wait(TerminationGrace))
            {
                forced.TrySetResult(exitCode);
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        serving = ServeAsync(options, cancellation.Token);
        var first = await Task.WhenAny(serving, forced.Task).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    // What the parser's default exception handler does with a failing action: the exception on
    // stderr after "Unhandled exception: " (nothing for a cancellation), and exit code 1.
    private static async Task<int> ServeAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ServeVerb.ServeOnStandardStreamsAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            if (exception is not OperationCanceledException)
            {
                await Console.Error.WriteAsync("Unhandled exception: ").ConfigureAwait(false);
                await Console.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            }
            return 1;
        }
    }

    // A value the parser would take as the option's argument rather than as another option.
    private static bool HasValue(IReadOnlyList<string> args, int i) =>
        i + 1 < args.Count && args[i + 1].Length > 0 && args[i + 1][0] != '-';

    private static bool IsPlainInt(string value, out int number)
    {
        number = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return value.Length is > 0 and < 10 && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    // The names the parser accepts for LogLevel (any case); numbers and the rest are left to it.
    private static bool IsLevelName(string value, out LogLevel level)
    {
        LogLevel? known = value.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" => LogLevel.Information,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => null,
        };
        level = known ?? default;
        return known is not null;
    }
}
