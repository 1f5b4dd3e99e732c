using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Checkpoint.Core;
using Checkpoint.Server.Json;

namespace Checkpoint.Server.Lsp;

// The C# twin of vscode-checkpoint/src/client/protocol.ts: the params of every `checkpoint/*` request,
// the few results that are not Core records, the `checkpoint/changed` notification and the error data.
// Results of the engine operations are the Core records in Checkpoint.Core/Snapshots/Results.cs.
// Property names are camelCase on the wire; optional members (`x?:` in TypeScript) are omitted when null.
// Change both files together.

/// <summary>Method names of the custom requests and the notification (protocol.ts <c>Methods</c>).</summary>
public static class CheckpointMethods
{
    public const string Save = "checkpoint/save";
    public const string List = "checkpoint/list";
    public const string Show = "checkpoint/show";
    public const string Diff = "checkpoint/diff";
    public const string Resume = "checkpoint/resume";
    public const string Verify = "checkpoint/verify";
    public const string Delete = "checkpoint/delete";
    public const string Prune = "checkpoint/prune";
    public const string FileContent = "checkpoint/fileContent";
    public const string Note = "checkpoint/note";
    public const string Changed = "checkpoint/changed";
}

/// <summary>Command ids carried by the notes code lenses (protocol.ts <c>LensCommands</c>).</summary>
public static class LensCommands
{
    /// <summary>Server-side: args <c>[uri, line]</c> → <see cref="ResumeBriefResult"/>.</summary>
    public const string ResumeBrief = "checkpoint.lens.resumeBrief";
    /// <summary>Server-side: args <c>[uri, line]</c> → saves <c>notes-YYYY-MM-DD</c>, links it in the entry, returns a SaveResult.</summary>
    public const string SnapshotNow = "checkpoint.lens.snapshotNow";
    /// <summary>Client-side: args <c>[id]</c>; the client runs its resume flow.</summary>
    public const string RestoreSnapshot = "checkpoint.lens.restoreSnapshot";
    /// <summary>Client-side: args <c>[uri, line]</c>; the client reveals the checklist.</summary>
    public const string ShowProgress = "checkpoint.lens.showProgress";

    /// <summary>The commands this server executes itself (advertised in <c>executeCommandProvider</c>).</summary>
    public static IReadOnlyList<string> ServerSide { get; } = [ResumeBrief, SnapshotNow];
}

/// <summary>
/// The extension's <c>initializationOptions</c>: where the store and the notes are, absolute or
/// relative to the workspace root (defaults <c>memory/checkpoints</c> and <c>memory/episodic</c>), and
/// extra exclusions (the <c>checkpoint.exclude</c> setting, .gitignore syntax).
/// </summary>
public sealed record CheckpointInitializationOptions
{
    public string? StorePath { get; init; }
    public string? NotesPath { get; init; }
    public IReadOnlyList<string>? Exclude { get; init; }

    /// <summary>The options in <paramref name="json"/>; defaults when absent or not an object of that shape.</summary>
    public static CheckpointInitializationOptions From(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } value)
        {
            return new CheckpointInitializationOptions();
        }

        try
        {
            return value.Deserialize(CheckpointProtocolJsonContext.Default.CheckpointInitializationOptions) ?? new CheckpointInitializationOptions();
        }
        catch (JsonException)
        {
            // Options are a convenience: a malformed one must not keep the server from starting.
            return new CheckpointInitializationOptions();
        }
    }
}

/// <summary>Selects one checkpoint: <c>name</c> plus exactly one of <c>latest</c> / <c>timestamp</c>.</summary>
public record CheckpointRefParams
{
    public string? Name { get; init; }
    public bool? Latest { get; init; }
    public string? Timestamp { get; init; }

    /// <summary>The Core reference; a missing name is an invalid argument, the rest is the engine's to judge.</summary>
    public CheckpointRef ToCheckpointRef() =>
        new(ParamGuard.Required(Name, "name"), Latest ?? false, Timestamp);
}

/// <summary>Params of <c>checkpoint/save</c>.</summary>
public sealed record SaveParams
{
    public string? Name { get; init; }
    public string? Stage { get; init; }
    public string? Notes { get; init; }
    /// <summary>Paths or globs relative to <see cref="Cwd"/> (or the root); <c>**</c> allowed.</summary>
    public IReadOnlyList<string>? Files { get; init; }
    /// <summary>A folder to save, relative to <see cref="Cwd"/> (or the root).</summary>
    public string? Context { get; init; }
    public JsonObject? Metadata { get; init; }
    /// <summary>Where relative <see cref="Files"/>/<see cref="Context"/> resolve; relative to the root itself.</summary>
    public string? Cwd { get; init; }

    /// <summary>LSP <c>WorkDoneProgressParams</c>: a progress token the client created for this request.</summary>
    public JsonElement? WorkDoneToken { get; init; }

    /// <summary>The engine request, with <see cref="Cwd"/> made absolute against <paramref name="root"/>.</summary>
    public SaveRequest ToRequest(string root) => new()
    {
        Name = ParamGuard.Required(Name, "name"),
        Stage = ParamGuard.Required(Stage, "stage"),
        Notes = Notes ?? "",
        Files = Files,
        Context = Context,
        Metadata = Metadata,
        Cwd = Cwd is null ? null : Path.GetFullPath(Cwd, root),
    };
}

/// <summary>Params of <c>checkpoint/diff</c>: the checkpoint against the working tree, or against checkpoint <see cref="To"/>.</summary>
public sealed record DiffParams : CheckpointRefParams
{
    /// <summary>Another checkpoint's id (<c>name_YYYYMMDD_HHMMSS</c>): compare the two instead (added = only in this one).</summary>
    public string? To { get; init; }
}

/// <summary>Params of <c>checkpoint/list</c>.</summary>
public sealed record ListParams
{
    public string? Name { get; init; }
}

/// <summary>Params of <c>checkpoint/resume</c>.</summary>
public sealed record ResumeParams : CheckpointRefParams
{
    public bool? DryRun { get; init; }
    /// <summary>Restore into this folder instead of the root; relative to the root.</summary>
    public string? Target { get; init; }
    public bool? NoVerify { get; init; }
    /// <summary>Write a markdown report to this file; relative to the root.</summary>
    public string? Report { get; init; }
    public bool? Mirror { get; init; }
    /// <summary>Restore only these files of the checkpoint (root-relative; a folder means every file below it).</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>LSP <c>WorkDoneProgressParams</c>: a progress token the client created for this request.</summary>
    public JsonElement? WorkDoneToken { get; init; }

    /// <summary>The engine request, with <see cref="Target"/> and <see cref="Report"/> made absolute against <paramref name="root"/>.</summary>
    public ResumeRequest ToRequest(string root) => new()
    {
        Checkpoint = ToCheckpointRef(),
        DryRun = DryRun ?? false,
        Target = Target is null ? null : Path.GetFullPath(Target, root),
        NoVerify = NoVerify ?? false,
        Report = Report is null ? null : Path.GetFullPath(Report, root),
        Mirror = Mirror ?? false,
        Paths = Paths is { Count: > 0 } ? Paths : null,
    };
}

/// <summary>Params of <c>checkpoint/verify</c>: every checkpoint when no name is given.</summary>
public sealed record VerifyParams
{
    public string? Name { get; init; }
    public string? Timestamp { get; init; }
    /// <summary>Decode and rehash every compressed object (by default a compressed pack entry is proven by its stored bytes' checksum).</summary>
    public bool? Deep { get; init; }

    /// <summary>LSP <c>WorkDoneProgressParams</c>: a progress token the client created for this request.</summary>
    public JsonElement? WorkDoneToken { get; init; }
}

/// <summary>Params of <c>checkpoint/delete</c>: an exact checkpoint, never "latest".</summary>
public sealed record DeleteParams
{
    public string? Name { get; init; }
    public string? Timestamp { get; init; }
}

/// <summary>Params of <c>checkpoint/prune</c>.</summary>
public sealed record PruneParams
{
    public int? KeepLast { get; init; }
    public int? MaxAgeDays { get; init; }
    public bool? DryRun { get; init; }

    /// <summary>The engine request.</summary>
    public PruneRequest ToRequest() => new() { KeepLast = KeepLast, MaxAgeDays = MaxAgeDays, DryRun = DryRun ?? false };
}

/// <summary>Params of <c>checkpoint/fileContent</c>: one file of one checkpoint.</summary>
public sealed record FileContentParams : CheckpointRefParams
{
    /// <summary>Relative to the root, <c>/</c>-separated, as listed in the checkpoint.</summary>
    public string? Path { get; init; }
}

/// <summary>Result of <c>checkpoint/fileContent</c>.</summary>
public sealed record FileContentResult
{
    public required string Path { get; init; }

    /// <summary>UTF-8 text when the bytes are valid UTF-8 without NUL, else null (always on the wire).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Text { get; init; }

    /// <summary>The bytes when <see cref="Text"/> is null.</summary>
    public string? Base64 { get; init; }

    public long Size { get; init; }
}

/// <summary>Params of <c>checkpoint/note</c>.</summary>
public sealed record NoteParams
{
    /// <summary><c>full|emergency|survival|pre-operation|quick</c>.</summary>
    public string? Format { get; init; }
    public int? ContextPct { get; init; }
    /// <summary><c>YYYY-MM-DD</c>, default today (local).</summary>
    public string? Date { get; init; }
    /// <summary><c>HH:MM</c>, default now (local).</summary>
    public string? Time { get; init; }
    /// <summary>False: only render, do not write. Default true.</summary>
    public bool? Append { get; init; }
    /// <summary>The entry's fields (camelCase keys, list fields one item per line): a filled-in entry instead of the blank template.</summary>
    public Dictionary<string, string>? Fields { get; init; }
    /// <summary>Also save the workspace and link the checkpoint from the entry (needs <see cref="Fields"/>).</summary>
    public bool? Snapshot { get; init; }
}

/// <summary>Params of the <c>checkpoint/changed</c> notification.</summary>
public sealed record ChangedParams
{
    /// <summary>Ids added or removed since the last notification, when known.</summary>
    public IReadOnlyList<string>? Ids { get; init; }
}

/// <summary>Result of the <c>checkpoint.lens.resumeBrief</c> command.</summary>
public sealed record ResumeBriefResult(string Brief);

/// <summary>The <c>data</c> of every error a custom request answers with.</summary>
public sealed record CheckpointErrorData
{
    /// <summary><c>invalidArgument|notFound|integrity|locked|failed</c>.</summary>
    public required string Kind { get; init; }
    public IReadOnlyList<string>? Available { get; init; }
    public IReadOnlyList<DamagedFile>? Damaged { get; init; }

    /// <summary>The wire form of a Core failure.</summary>
    public static CheckpointErrorData From(CheckpointException exception) => new()
    {
        Kind = ErrorDocument.WireName(exception.Kind),
        Available = exception.Available,
        Damaged = exception.Damaged,
    };
}

/// <summary>Presence checks for params, failing the way the engine fails on bad input.</summary>
internal static class ParamGuard
{
    /// <summary>The value, or an <see cref="ErrorKind.InvalidArgument"/> failure naming the missing param.</summary>
    public static string Required(string? value, string param) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new CheckpointException(ErrorKind.InvalidArgument, $"'{param}' is required.")
            : value;
}
