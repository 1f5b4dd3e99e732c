using Microsoft.Extensions.Logging;

namespace Checkpoint.Server.Lsp;

/// <summary>How <c>checkpoint serve</c> runs.</summary>
public sealed record ServeOptions
{
    /// <summary>The client's process id (<c>--clientProcessId</c>); the server exits when it is gone.</summary>
    public int? ClientProcessId { get; init; }

    /// <summary>The least severe log entry written to stderr and to the client's output channel.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How often the client process is checked.</summary>
    public TimeSpan ClientPollInterval { get; init; } = TimeSpan.FromSeconds(3);
}
