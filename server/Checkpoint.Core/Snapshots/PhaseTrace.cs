using System.Diagnostics;

namespace Checkpoint.Core.Snapshots;

/// <summary>Stopwatch phases of an operation, written to <see cref="EngineTrace.Sink"/> when the host supplied one.</summary>
internal sealed class PhaseTrace(string operation)
{
    // Read once per operation: a host sets the sink at start-up, before any operation runs.
    private readonly Action<string>? _sink = EngineTrace.Sink;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _phase = Stopwatch.StartNew();
    // CPU time too: on a busy machine wall time mostly measures the neighbours.
    private TimeSpan _cpuAtPhaseStart = EngineTrace.Sink is null ? TimeSpan.Zero : Process.GetCurrentProcess().TotalProcessorTime;

    public long ElapsedMs => _total.ElapsedMilliseconds;

    public void Mark(string phase, long count = -1)
    {
        if (_sink is { } sink)
        {
            string detail = count >= 0 ? $" ({count})" : "";
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            sink($"[trace] {operation}.{phase} {_phase.Elapsed.TotalMilliseconds:0.0} ms, cpu {(cpu - _cpuAtPhaseStart).TotalMilliseconds:0} ms{detail}");
            _cpuAtPhaseStart = cpu;
        }
        _phase.Restart();
    }

    public void Done()
    {
        _sink?.Invoke($"[trace] {operation} total {_total.Elapsed.TotalMilliseconds:0.0} ms");
    }
}
