namespace Checkpoint.Core;

/// <summary>What went wrong, in the terms every face maps to its own error channel.</summary>
public enum ErrorKind
{
    /// <summary>Bad arguments or names (CLI exit 2, JSON-RPC -32602).</summary>
    InvalidArgument,
    /// <summary>No such checkpoint; <see cref="CheckpointException.Available"/> lists what exists (CLI exit 2).</summary>
    NotFound,
    /// <summary>Hash mismatch, missing object, corrupt manifest (CLI exit 3).</summary>
    Integrity,
    /// <summary>Another live process holds the store lock (CLI exit 1).</summary>
    Locked,
    /// <summary>Anything else, e.g. an I/O failure (CLI exit 1).</summary>
    Failed,
}

/// <summary>A failure meant for the user: the message says what happened and what is allowed.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }

    /// <summary>For <see cref="ErrorKind.NotFound"/>: the names, or the timestamps of the name, that do exist.</summary>
    public IReadOnlyList<string>? Available { get; init; }

    /// <summary>For <see cref="ErrorKind.Integrity"/>: the damaged files.</summary>
    public IReadOnlyList<DamagedFile>? Damaged { get; init; }
}
