using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Snapshots.Remotes;

/// <summary>
/// The remotes of a store, kept in its <c>config.json</c> (<c>{"remotes": {"origin": "git@host:team/work.git"}}</c>):
/// per store, not per user repository, because the store is what travels. Written atomically (temp → rename).
/// </summary>
internal sealed partial class RemoteSettings
{
    public const string FileName = "config.json";
    public const string NameRule = "letters, digits, '.', '-' and '_', 1 to 50 characters, not starting with '.' or '-'";

    private readonly StoreLayout _layout;
    private readonly JsonObject _document;

    private RemoteSettings(StoreLayout layout, JsonObject document)
    {
        _layout = layout;
        _document = document;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex NamePattern();

    public static RemoteSettings Load(StoreLayout layout)
    {
        string path = Path.Combine(layout.Root, FileName);
        if (!File.Exists(path))
        {
            return new RemoteSettings(layout, []);
        }
        try
        {
            return new RemoteSettings(layout, JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new JsonException("not a JSON object"));
        }
        catch (JsonException e)
        {
            throw new CheckpointException(ErrorKind.Failed, $"The store's settings '{path}' are not valid JSON ({e.Message}); fix or remove the file.", e);
        }
    }

    public IReadOnlyList<RemoteInfo> All()
    {
        List<RemoteInfo> remotes = [];
        if (_document["remotes"] is JsonObject entries)
        {
            foreach ((string name, JsonNode? url) in entries)
            {
                if (url is JsonValue value && value.TryGetValue(out string? text))
                {
                    remotes.Add(new RemoteInfo(name, text));
                }
            }
        }
        remotes.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return remotes;
    }

    /// <summary>The remote a push or pull means: the one named, or the only one, or <c>origin</c>.</summary>
    public RemoteInfo Resolve(string? name)
    {
        IReadOnlyList<RemoteInfo> all = All();
        if (all.Count == 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                "This store has no remotes yet. Add one: checkpoint remote add origin <git URL> (any URL git itself can push to).");
        }
        RemoteInfo? found = name is not null
            ? all.FirstOrDefault(remote => remote.Name == name)
            : all.Count == 1 ? all[0] : all.FirstOrDefault(remote => remote.Name == "origin");
        return found ?? throw new CheckpointException(ErrorKind.NotFound,
            name is null
                ? $"Say which remote: this store has {string.Join(", ", all.Select(r => r.Name))}."
                : $"No remote named '{name}'. Available remotes: {string.Join(", ", all.Select(r => r.Name))}.")
        {
            Available = [.. all.Select(r => r.Name)],
        };
    }

    public void Add(string name, string url)
    {
        ValidateName(name);
        ValidateUrl(url);
        JsonObject remotes = _document["remotes"] as JsonObject ?? [];
        _document["remotes"] = remotes;
        if (remotes.ContainsKey(name))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"A remote named '{name}' exists already ({remotes[name]}); remove it first or pick another name.");
        }
        remotes[name] = url;
        Save();
    }

    public RemoteInfo Remove(string name)
    {
        RemoteInfo existing = Resolve(name);
        ((JsonObject)_document["remotes"]!).Remove(name);
        Save();
        return existing;
    }

    public static void ValidateName(string? name)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"Invalid remote name '{name}': use {NameRule}.");
        }
    }

    public static void ValidateUrl(string? url)
    {
        // A leading '-' would reach git as an option; control characters have no place in a URL.
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith('-') || url.Any(char.IsControl))
        {
            throw new CheckpointException(ErrorKind.InvalidArgument,
                $"Invalid remote URL '{url}': give a URL or path git can push to (https://…, ssh://…, git@host:path, file:///…, /path/to/repo.git), not starting with '-'.");
        }
    }

    private void Save()
    {
        _layout.EnsureCreated();
        string path = Path.Combine(_layout.Root, FileName);
        string temp = Path.Combine(_layout.Temp, $"{FileName}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, _document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
