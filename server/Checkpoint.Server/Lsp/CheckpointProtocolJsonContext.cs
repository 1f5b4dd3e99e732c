using System.Text.Json.Serialization;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated (trim- and startup-friendly) JSON for the custom <c>checkpoint/*</c> protocol:
/// camelCase, optional members omitted when null — the shapes of protocol.ts.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SaveParams))]
[JsonSerializable(typeof(ListParams))]
[JsonSerializable(typeof(CheckpointRefParams))]
[JsonSerializable(typeof(ResumeParams))]
[JsonSerializable(typeof(VerifyParams))]
[JsonSerializable(typeof(DeleteParams))]
[JsonSerializable(typeof(PruneParams))]
[JsonSerializable(typeof(FileContentParams))]
[JsonSerializable(typeof(FileContentResult))]
[JsonSerializable(typeof(NoteParams))]
[JsonSerializable(typeof(NoteResult))]
[JsonSerializable(typeof(ChangedParams))]
[JsonSerializable(typeof(ResumeBriefResult))]
[JsonSerializable(typeof(CheckpointErrorData))]
[JsonSerializable(typeof(SaveResult))]
[JsonSerializable(typeof(ListResult))]
[JsonSerializable(typeof(CheckpointDetail))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(ResumeResult))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(DeleteResult))]
[JsonSerializable(typeof(PruneResult))]
internal sealed partial class CheckpointProtocolJsonContext : JsonSerializerContext;
