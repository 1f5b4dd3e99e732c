using Checkpoint.Core;

namespace Checkpoint.Server.Cli;

/// <summary>The process exit codes of the CLI contract (ARCHITECTURE.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Any other failure: I/O, a locked store, a cancelled prompt, an unexpected error.</summary>
    public const int Failed = 1;
    /// <summary>Invalid arguments or names, unknown checkpoints.</summary>
    public const int InvalidArgument = 2;
    /// <summary>Hash mismatch, missing object, corrupt manifest.</summary>
    public const int Integrity = 3;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument or ErrorKind.NotFound => InvalidArgument,
        ErrorKind.Integrity => Integrity,
        _ => Failed,
    };
}
