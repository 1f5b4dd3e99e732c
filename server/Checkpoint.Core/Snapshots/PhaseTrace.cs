using System.Diagnostics;

namespace Checkpoint.Core.Snapshots;

/// <summary>Stopwatch phases of an operation, printed to stderr when <c>CHECKPOINT_TRACE=1</c> (for profiling, never for users).</summary>
internal sealed class PhaseTrace(string operation)
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("CHECKPOINT_TRACE") == "1";

    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _phase = Stopwatch.StartNew();
    // CPU time too: on a busy machine wall time mostly measures the neighbours.
    private TimeSpan _cpuAtPhaseStart = Enabled ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;

    public long ElapsedMs => _total.ElapsedMilliseconds;

    public void Mark(string phase, long count = -1)
    {
        if (Enabled)
        {
            string detail = count >= 0 ? $" ({count})" : "";
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Console.Error.WriteLine($"[trace] {operation}.{phase} {_phase.Elapsed.TotalMilliseconds:0.0} ms, cpu {(cpu - _cpuAtPhaseStart).TotalMilliseconds:0} ms{detail}");
            _cpuAtPhaseStart = cpu;
        }
        _phase.Restart();
    }

    public void Done()
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[trace] {operation} total {_total.Elapsed.TotalMilliseconds:0.0} ms");
        }
    }
}
