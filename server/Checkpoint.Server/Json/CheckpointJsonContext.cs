using System.Text.Json.Serialization;
using Checkpoint.Core;
using Checkpoint.Core.Snapshots;

namespace Checkpoint.Server.Json;

/// <summary>
/// Source-generated JSON for every engine result, shared by the CLI's <c>--json</c> output and the
/// language server's custom-request results: one shape, two faces (protocol.ts is its TypeScript twin).
/// camelCase names; null members are omitted, which is how protocol.ts spells optional (<c>x?:</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckpointSummary))]
[JsonSerializable(typeof(CheckpointDetail))]
[JsonSerializable(typeof(SaveResult))]
[JsonSerializable(typeof(ListResult))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(ResumeResult))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(DeleteResult))]
[JsonSerializable(typeof(PruneResult))]
[JsonSerializable(typeof(RemoteListResult))]
[JsonSerializable(typeof(TransferResult))]
[JsonSerializable(typeof(RemoteCheckpointsResult))]
[JsonSerializable(typeof(ExportResult))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(WrittenNote))]
[JsonSerializable(typeof(ErrorDocument))]
public sealed partial class CheckpointJsonContext : JsonSerializerContext;
