using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// The store's opt-in retention (seed 003: "max 10 checkpoints, oldest deleted automatically; older than 30 days
/// cleaned up"), kept in <c>&lt;store&gt;/retention.json</c> as <c>{"maxPerName": 10, "maxAgeDays": 30}</c>. When the
/// file exists, every save — from the CLI, the language server or an agent — applies it afterwards; stages
/// <c>final</c>/<c>validated</c>, the checkpoint just saved and the newest safety checkpoint are never deleted.
/// </summary>
/// <param name="MaxPerName">Keep at most this many checkpoints of each name (newest first); at least 1.</param>
/// <param name="MaxAgeDays">Delete checkpoints older than this many days; 0 or more.</param>
public sealed record RetentionSettings(int? MaxPerName, int? MaxAgeDays)
{
    /// <summary>The file, in the store folder, that holds the setting.</summary>
    public const string FileName = "retention.json";

    /// <summary>Refuses values no sensible retention has; the message says what is allowed.</summary>
    public RetentionSettings Validated()
    {
        if (MaxPerName is < 1)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"maxPerName must be 1 or more (the checkpoint just saved is always kept), not {MaxPerName}.");
        }
        if (MaxAgeDays is < 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"maxAgeDays must be 0 or more, not {MaxAgeDays}.");
        }
        if (MaxPerName is null && MaxAgeDays is null)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, "A retention setting needs maxPerName, maxAgeDays or both.");
        }
        return this;
    }

    /// <summary>The store's setting, or null when it has none (retention is opt-in).</summary>
    internal static RetentionSettings? Read(StoreLayout layout)
    {
        string path = Path.Combine(layout.Root, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            JsonObject json = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new JsonException("not a JSON object");
            return new RetentionSettings(Integer(json, "maxPerName"), Integer(json, "maxAgeDays")).Validated();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"The retention setting {path} is not valid ({e.Message}). Expected {{\"maxPerName\": 10, \"maxAgeDays\": 30}} (either may be left out).", e);
        }
    }

    /// <summary>Writes the setting (temp file, then rename), or removes it when <paramref name="settings"/> is null.</summary>
    internal static void Write(StoreLayout layout, RetentionSettings? settings)
    {
        string path = Path.Combine(layout.Root, FileName);
        if (settings is null)
        {
            File.Delete(path);
            return;
        }
        layout.EnsureCreated();
        JsonObject json = [];
        if (settings.MaxPerName is { } perName) json["maxPerName"] = perName;
        if (settings.MaxAgeDays is { } age) json["maxAgeDays"] = age;
        string temp = Path.Combine(layout.Temp, $"{FileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, json.ToJsonString() + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static int? Integer(JsonObject json, string key) =>
        json[key] is { } value ? value.GetValue<int>() : null;
}
