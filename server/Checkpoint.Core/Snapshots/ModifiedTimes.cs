using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// The manifest's "modified" text of file mtimes, remembered per second: files written together share it,
/// and converting to local time and formatting once per file was a visible part of a 100k-file save.
/// Safe to use from parallel workers (each slot is replaced as one reference).
/// </summary>
internal sealed class ModifiedTimes
{
    private const int Slots = 4096;

    private sealed record Remembered(long Second, string Text);

    private readonly Remembered?[] _slots = new Remembered?[Slots];

    public string Of(FileStat stat)
    {
        if (stat.MTimeNs < 0)
        {
            return CheckpointNames.IsoLocal(stat.ModifiedLocal);
        }
        long second = stat.MTimeNs / 1_000_000_000;
        int slot = (int)(second & (Slots - 1));
        if (_slots[slot] is { } remembered && remembered.Second == second)
        {
            return remembered.Text;
        }
        string text = CheckpointNames.IsoLocal(stat.ModifiedLocal);
        _slots[slot] = new Remembered(second, text);
        return text;
    }
}
