using System.Text.Json;

namespace Checkpoint.Server.Lsp;

/// <summary>Params of <c>window/workDoneProgress/create</c>.</summary>
public sealed record WorkDoneProgressCreateParams(JsonElement Token);

/// <summary>Params of <c>$/progress</c> carrying a work-done value.</summary>
public sealed record ProgressParams(JsonElement Token, WorkDoneProgressValue Value);

/// <summary>WorkDoneProgressBegin, -Report or -End, told apart by <see cref="Kind"/>.</summary>
public sealed record WorkDoneProgressValue
{
    /// <summary><c>begin</c>, <c>report</c> or <c>end</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>Begin only.</summary>
    public string? Title { get; init; }
    public bool? Cancellable { get; init; }
    public string? Message { get; init; }
    /// <summary>0–100.</summary>
    public int? Percentage { get; init; }
}
