using System.Text.Json.Nodes;

namespace Checkpoint.Core;

/// <summary>Selects one checkpoint: a name plus either the latest one or an exact timestamp.</summary>
/// <param name="Name">Checkpoint name, <c>[A-Za-z0-9_-]{1,50}</c>.</param>
/// <param name="Latest">The newest checkpoint of the name.</param>
/// <param name="Timestamp"><c>YYYYMMDD_HHMMSS</c>, with a collision suffix (<c>_2</c>) when it has one.</param>
public sealed record CheckpointRef(string Name, bool Latest = false, string? Timestamp = null)
{
    /// <summary>The checkpoint of a folder name (<c>&lt;name&gt;_&lt;YYYYMMDD_HHMMSS&gt;[_N]</c>), as list and save report it.</summary>
    /// <exception cref="CheckpointException"><see cref="ErrorKind.InvalidArgument"/> when <paramref name="id"/> is not one.</exception>
    public static CheckpointRef FromId(string id)
    {
        if (!Store.CheckpointNames.TryParseId(id?.Trim() ?? "", out string name, out string timestamp))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"'{id}' is not a checkpoint id: ids look like <name>_<YYYYMMDD_HHMMSS>, e.g. module-05_20250104_143022 (checkpoint_list shows them).");
        }
        return new CheckpointRef(name, Timestamp: timestamp);
    }
}

/// <summary>What to save. Relative <see cref="Files"/> and <see cref="Context"/> resolve against <see cref="Cwd"/>.</summary>
public sealed record SaveRequest
{
    public required string Name { get; init; }
    public required string Stage { get; init; }
    public string Notes { get; init; } = "";
    /// <summary>Paths or globs (<c>**</c> allowed). Neither this nor <see cref="Context"/>: the whole <see cref="Cwd"/>.</summary>
    public IReadOnlyList<string>? Files { get; init; }
    public string? Context { get; init; }
    public JsonObject? Metadata { get; init; }
    /// <summary>Absolute directory relative inputs resolve against; default: the root.</summary>
    public string? Cwd { get; init; }
}

public sealed record ResumeRequest
{
    public required CheckpointRef Checkpoint { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Folder to restore into instead of the root (created when missing).</summary>
    public string? Target { get; init; }
    public bool NoVerify { get; init; }
    /// <summary>Write a markdown report here.</summary>
    public string? Report { get; init; }
    /// <summary>Also delete files inside the saved scope that the checkpoint does not have.</summary>
    public bool Mirror { get; init; }
    /// <summary>
    /// Restore only these files of the checkpoint (root-relative; a folder means every file below it). Each must
    /// name at least one file of the checkpoint. Mirror deletions are then limited to the same paths.
    /// </summary>
    public IReadOnlyList<string>? Paths { get; init; }
}

public sealed record PruneRequest
{
    public int? KeepLast { get; init; }
    public int? MaxAgeDays { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Never deleted, whatever the policy says (retention keeps the checkpoint just saved).</summary>
    internal string? Keep { get; init; }
    /// <summary>Keep the newest checkpoint of stage <c>safety</c>: the undo of the last restore.</summary>
    internal bool KeepNewestSafety { get; init; }
}

/// <summary>Progress of a long operation: <paramref name="Done"/> of <paramref name="Total"/> files.</summary>
public readonly record struct OperationProgress(string Phase, long Done, long Total);
