namespace Checkpoint.Core;

/// <summary>
/// Where the engine's stopwatch phases go (for profiling, never for users): nowhere unless the host supplies a
/// sink. The engine writes to no console; the <c>checkpoint</c> executable sets this to stderr when
/// <c>CHECKPOINT_TRACE=1</c> (the benchmark reads those lines).
/// </summary>
public static class EngineTrace
{
    /// <summary>Receives one line per phase and per operation total; null (the default) turns tracing off.</summary>
    public static Action<string>? Sink { get; set; }
}
