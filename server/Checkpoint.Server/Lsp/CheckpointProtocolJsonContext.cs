using System.Text.Json.Serialization;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Source-generated (trim- and startup-friendly) JSON for the custom <c>checkpoint/*</c> protocol:
/// camelCase, optional members omitted when null — the shapes of protocol.ts. The engine results
/// serialize with the CLI's <see cref="Json.CheckpointJsonContext"/> (one shape, two faces).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CheckpointInitializationOptions))]
[JsonSerializable(typeof(SaveParams))]
[JsonSerializable(typeof(ListParams))]
[JsonSerializable(typeof(CheckpointRefParams))]
[JsonSerializable(typeof(DiffParams))]
[JsonSerializable(typeof(ResumeParams))]
[JsonSerializable(typeof(VerifyParams))]
[JsonSerializable(typeof(DeleteParams))]
[JsonSerializable(typeof(PruneParams))]
[JsonSerializable(typeof(FileContentParams))]
[JsonSerializable(typeof(FileContentResult))]
[JsonSerializable(typeof(NoteParams))]
[JsonSerializable(typeof(ChangedParams))]
[JsonSerializable(typeof(ResumeBriefResult))]
[JsonSerializable(typeof(CheckpointErrorData))]
[JsonSerializable(typeof(TransferParams))]
[JsonSerializable(typeof(RemoteCheckpointsParams))]
internal sealed partial class CheckpointProtocolJsonContext : JsonSerializerContext;
