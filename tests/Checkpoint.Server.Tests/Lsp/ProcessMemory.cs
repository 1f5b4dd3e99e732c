using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>
/// A process's memory as the kernel counts it (<c>/proc/PID/status</c>, Linux only): what the user
/// sees in top, whatever the runtime thinks it holds.
/// </summary>
internal readonly record struct ProcessMemory(long ResidentMegabytes, long PeakResidentMegabytes)
{
    /// <summary>VmRSS and VmHWM of <paramref name="process"/> now.</summary>
    public static ProcessMemory Of(Process process)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024;
        }
        return new ProcessMemory(rss, peak);
    }

    /// <summary>
    /// Waits until the process's resident memory is at most <paramref name="megabytes"/>, checking every
    /// 100 ms (memory comes back after a collection, not at a message the test could wait for);
    /// returns the last reading, which is above the bound when <paramref name="timeout"/> passed first.
    /// </summary>
    public static async Task<ProcessMemory> WaitForResidentAtMostAsync(Process process, long megabytes, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var memory = Of(process);
        while (memory.ResidentMegabytes > megabytes && clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            memory = Of(process);
        }
        return memory;
    }

    public override string ToString() => $"{ResidentMegabytes} MB resident, peak {PeakResidentMegabytes} MB";

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
