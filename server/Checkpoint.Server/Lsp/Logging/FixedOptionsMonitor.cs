using Microsoft.Extensions.Options;

namespace Checkpoint.Server.Lsp.Logging;

/// <summary>Options that never change: what the console logger needs, without a DI container and configuration.</summary>
internal sealed class FixedOptionsMonitor<TOptions>(TOptions value) : IOptionsMonitor<TOptions>
{
    /// <inheritdoc />
    public TOptions CurrentValue => value;

    /// <inheritdoc />
    public TOptions Get(string? name) => value;

    /// <inheritdoc />
    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
