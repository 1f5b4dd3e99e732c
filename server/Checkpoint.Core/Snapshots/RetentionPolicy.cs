using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// The seed's cleanup schedule: keep everything from the last 7 days, keep stages <c>final</c> and
/// <c>validated</c> forever, drop other checkpoints older than 30 days. <c>KeepLast N</c> (newest N per name)
/// and <c>MaxAgeDays D</c> replace the default schedule; a checkpoint goes when either says so, and
/// final/validated ones are still kept.
/// </summary>
internal sealed class RetentionPolicy
{
    private const int RecentDays = 7;
    private const int DefaultMaxAgeDays = 30;
    private static readonly HashSet<string> ProtectedStages = new(StringComparer.OrdinalIgnoreCase) { "final", "validated" };

    private readonly int? _keepLast;
    private readonly int? _maxAgeDays;

    public RetentionPolicy(int? keepLast, int? maxAgeDays)
    {
        if (keepLast is < 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"--keep-last must be 0 or more, not {keepLast}.");
        }
        if (maxAgeDays is < 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"--max-age-days must be 0 or more, not {maxAgeDays}.");
        }
        _keepLast = keepLast;
        _maxAgeDays = maxAgeDays;
    }

    /// <param name="rankInName">0 for the newest checkpoint of its name.</param>
    public bool ShouldDelete(string stage, DateTime created, int rankInName, DateTime now)
    {
        if (ProtectedStages.Contains(stage.Trim()))
        {
            return false;
        }
        double ageDays = (now - created).TotalDays;
        if (_keepLast is null && _maxAgeDays is null)
        {
            return ageDays > RecentDays && ageDays > DefaultMaxAgeDays;
        }
        return (_keepLast is { } keep && rankInName >= keep) || (_maxAgeDays is { } maxAge && ageDays > maxAge);
    }

    /// <summary>When a checkpoint was made: checkpoint.json's timestamp, else its folder's.</summary>
    public static DateTime CreatedOf(StoredCheckpoint checkpoint, Manifest? manifest) =>
        (manifest is null ? null : CheckpointNames.ParseIsoLocal(manifest.Timestamp))
        ?? CheckpointNames.ParseFolderTimestamp(checkpoint.Timestamp)
        ?? DateTime.Now;
}
