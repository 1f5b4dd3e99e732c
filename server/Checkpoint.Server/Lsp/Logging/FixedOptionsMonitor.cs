using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Checkpoint.Server.Lsp.Logging;

/// <summary>Options that never change: what the console logger needs, without a DI container and configuration.</summary>
/// <remarks>
/// <see cref="IOptionsMonitor{TOptions}"/> asks the trimmer to keep the options type's public
/// constructor (the options factory creates them by reflection); the annotation passes that on to
/// whoever names <typeparamref name="TOptions"/>, so a Native AOT build keeps it too.
/// </remarks>
internal sealed class FixedOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(TOptions value)
    : IOptionsMonitor<TOptions>
{
    /// <inheritdoc />
    public TOptions CurrentValue => value;

    /// <inheritdoc />
    public TOptions Get(string? name) => value;

    /// <inheritdoc />
    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
