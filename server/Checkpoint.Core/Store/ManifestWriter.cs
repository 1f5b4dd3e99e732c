using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Store;

/// <summary>Writes checkpoint.json in the seed's key order with <see cref="Utf8JsonWriter"/> (no reflection); the files array comes pre-encoded from <see cref="FileEntriesEncoder"/>.</summary>
internal static class ManifestWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Notes and paths stay readable (é, —) instead of \uXXXX; still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // We produce well-formed JSON by construction; validation costs time on 100k entries.
        SkipValidation = true,
    };

    public static void Write(Manifest manifest, Stream stream)
    {
        using Utf8JsonWriter json = new(stream, Options);
        json.WriteStartObject();
        json.WriteString("name", manifest.Name);
        json.WriteString("timestamp", manifest.Timestamp);
        json.WriteString("stage", manifest.Stage);
        json.WriteString("notes", manifest.Notes);
        json.WritePropertyName("metadata");
        manifest.Metadata.WriteTo(json);
        if (!manifest.FilesInline)
        {
            // A seed tool reads "files" as the whole checkpoint; here it is absent (a KeyError, not a silent empty
            // list) and this key, placed before everything of ours, says why and where they are.
            json.WriteString("files_omitted",
                $"{manifest.Files.Count} files are more than this store lists inline; they are in the folder trees under \"tree\". " +
                "'checkpoint show --json' prints them all; docs/store-format.md describes the trees.");
        }
        json.WriteNumber("format_version", manifest.FormatVersion);
        if (manifest.Tree is not null)
        {
            json.WriteString("tree", "sha256:" + manifest.Tree);
        }
        if (manifest.Root is not null)
        {
            json.WriteString("root", manifest.Root);
        }
        if (manifest.Scope is not null)
        {
            json.WriteStartArray("scope");
            foreach (string entry in manifest.Scope)
            {
                json.WriteStringValue(entry);
            }
            json.WriteEndArray();
        }
        if (manifest.Skipped.Count > 0)
        {
            json.WriteStartArray("skipped");
            foreach (SkippedEntry skipped in manifest.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("path", skipped.Path);
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (manifest.FilesInline)
        {
            json.WritePropertyName("files");
            json.WriteRawValue(FileEntriesEncoder.Encode(manifest.Files).WrittenSpan, skipInputValidation: true);
        }
        (long files, long words, long size) = Manifest.ComputeMetrics(manifest.Files);
        json.WriteStartObject("metrics");
        json.WriteNumber("total_files", files);
        json.WriteNumber("total_words", words);
        json.WriteNumber("total_size", size);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>An empty metadata object, or a deep copy (a <see cref="JsonNode"/> has one parent).</summary>
    /// <exception cref="CheckpointException"><see cref="ErrorKind.InvalidArgument"/>: the object breaks a rule of <see cref="CheckpointMetadata"/>
    /// (too deep, a repeated key, a lone surrogate: a language-server or MCP request may carry any of them), so the reader
    /// would call the checkpoint damaged: refused here, before anything is written.</exception>
    public static JsonObject CopyMetadata(JsonObject? metadata)
    {
        if (metadata is null)
        {
            return [];
        }
        if (CheckpointMetadata.Problem(metadata) is { } problem)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"The metadata {problem}");
        }
        return (JsonObject)metadata.DeepClone();
    }
}
