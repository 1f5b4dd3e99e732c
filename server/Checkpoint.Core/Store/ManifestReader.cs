using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Core.Store;

/// <summary>checkpoint.json that cannot be read or does not have the seed's shape.</summary>
internal class UnreadableManifestException(string path, string reason, Exception? inner = null)
    : Exception($"'{path}' is unreadable: {reason}", inner)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Reads checkpoint.json with <see cref="Utf8JsonReader"/>. Listing skips the (possibly huge) files array
/// without materialising it. Every hash must be <c>sha256:&lt;64 hex&gt;</c>: it becomes an object path.
/// </summary>
internal static class ManifestReader
{
    public static Manifest Read(string path, bool withFiles = true)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableManifestException(path, e.Message, e);
        }
        try
        {
            return Parse(bytes, withFiles);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new UnreadableManifestException(path, e.Message, e);
        }
    }

    /// <summary>checkpoint.json that arrived from elsewhere (a remote, a bundle); <paramref name="source"/> names it in errors.</summary>
    public static Manifest Read(byte[] bytes, string source)
    {
        try
        {
            return Parse(bytes, withFiles: true);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new UnreadableManifestException(source, e.Message, e);
        }
    }

    private static Manifest Parse(ReadOnlySpan<byte> bytes, bool withFiles)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
        }
        Utf8JsonReader json = new(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = CheckpointMetadata.ManifestMaxDepth,
        });
        Expect(ref json, JsonTokenType.StartObject);
        string? name = null, timestamp = null, stage = null, notes = null, root = null, tree = null;
        bool filesSeen = false, filesOmitted = false;
        JsonObject metadata = [];
        List<ManifestFile> files = [];
        List<string>? scope = null;
        List<SkippedEntry> skipped = [];
        int format = 0;
        long totalFiles = -1, totalWords = 0, totalSize = 0;
        long counted = 0, countedWords = 0, countedSize = 0;
        HashSet<string> seen = new(StringComparer.Ordinal);
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            string property = json.GetString()!;
            // Which of two "files" (or "name") the writer meant is unknowable; the seed's tools would silently take the last.
            if (!seen.Add(property))
            {
                throw new FormatException($"the key \"{property}\" appears twice");
            }
            Next(ref json);
            switch (property)
            {
                case "name": name = ReadString(ref json); break;
                case "timestamp": timestamp = ReadString(ref json); break;
                case "stage": stage = ReadString(ref json); break;
                case "notes": notes = json.TokenType == JsonTokenType.Null ? "" : ReadString(ref json); break;
                case "metadata":
                    metadata = json.TokenType == JsonTokenType.StartObject ? ReadMetadata(ref json) : SkipAndEmpty(ref json);
                    break;
                case "format_version": format = json.GetInt32(); break;
                case "root": root = json.TokenType == JsonTokenType.String ? json.GetString() : null; break;
                case "scope": scope = ReadStrings(ref json); break;
                case "skipped": skipped = ReadSkipped(ref json); break;
                case "metrics": (totalFiles, totalWords, totalSize) = ReadMetrics(ref json); break;
                case "tree": tree = ReadHash(ref json); break;
                case "files_omitted": filesOmitted = true; json.Skip(); break;
                case "files":
                    filesSeen = true;
                    if (!withFiles)
                    {
                        json.Skip();
                        break;
                    }
                    files = ReadFiles(ref json);
                    (counted, countedWords, countedSize) = Manifest.ComputeMetrics(files);
                    break;
                default: json.Skip(); break;
            }
        }
        if (name is null || timestamp is null || stage is null)
        {
            throw new FormatException("\"name\", \"timestamp\" and \"stage\" are required");
        }
        if (format > Manifest.CurrentFormat)
        {
            throw new FormatException($"format_version {format} is newer than this version of Checkpoint reads (up to {Manifest.CurrentFormat}); update Checkpoint");
        }
        if (format >= Manifest.TreeFormat && tree is null)
        {
            throw new FormatException($"format_version {format} needs \"tree\", the root folder tree");
        }
        bool inline = !filesOmitted;
        if (!inline && (filesSeen || totalFiles < 0))
        {
            throw new FormatException("\"files_omitted\" needs \"metrics\" and no \"files\"");
        }
        bool haveMetrics = totalFiles >= 0;
        return new Manifest
        {
            Name = name,
            Timestamp = timestamp,
            Stage = stage,
            Notes = notes ?? "",
            Metadata = metadata,
            Files = files,
            FormatVersion = format,
            Root = root,
            Scope = scope,
            Skipped = skipped,
            Tree = format >= Manifest.TreeFormat ? tree : null,
            FilesInline = inline,
            TotalFiles = haveMetrics ? totalFiles : counted,
            TotalWords = haveMetrics ? totalWords : countedWords,
            TotalSize = haveMetrics ? totalSize : countedSize,
        };
    }

    private static List<ManifestFile> ReadFiles(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.StartArray);
        List<ManifestFile> files = [];
        while (Next(ref json) == JsonTokenType.StartObject)
        {
            string? path = null, modified = null, hash = null;
            long size = 0, words = 0;
            int mode = FileModes.NotRecorded;
            bool link = false;
            while (Next(ref json) == JsonTokenType.PropertyName)
            {
                // Names compared as UTF-8 in place: a string per property and file was a large part of reading
                // a 100k-file manifest.
                bool isPath = json.ValueTextEquals("path"u8), isSize = json.ValueTextEquals("size"u8),
                    isModified = json.ValueTextEquals("modified"u8), isHash = json.ValueTextEquals("hash"u8),
                    isWords = json.ValueTextEquals("word_count"u8), isMode = json.ValueTextEquals("mode"u8),
                    isKind = json.ValueTextEquals("kind"u8);
                Next(ref json);
                if (isPath) { path = ReadString(ref json); }
                else if (isSize) { size = json.GetInt64(); }
                else if (isModified) { modified = json.TokenType == JsonTokenType.String ? json.GetString() : null; }
                else if (isHash) { hash = ReadHash(ref json); }
                else if (isWords) { words = json.TokenType == JsonTokenType.Number ? json.GetInt64() : 0; }
                else if (isMode) { mode = FileModes.Parse(ReadString(ref json)); }
                else if (isKind) { link = ReadKind(ref json); }
                else { json.Skip(); }
            }
            if (path is null || hash is null)
            {
                throw new FormatException("every file needs \"path\" and \"hash\"");
            }
            if (link && mode != FileModes.NotRecorded)
            {
                throw new FormatException($"the symbolic link '{path}' has a mode; only files do");
            }
            files.Add(new ManifestFile(path, size, modified ?? "", hash, words, mode, link));
        }
        Require(ref json, JsonTokenType.EndArray);
        return files;
    }

    /// <summary>A file entry's <c>"kind"</c>: <c>"file"</c> (the default) or <c>"link"</c>; any other is one this version cannot restore.</summary>
    private static bool ReadKind(ref Utf8JsonReader json)
    {
        string kind = ReadString(ref json);
        return kind switch
        {
            "file" => false,
            "link" => true,
            _ => throw new FormatException($"kind \"{kind}\" is not \"file\" or \"link\""),
        };
    }

    /// <summary>The bare lowercase hex of a <c>sha256:&lt;hex&gt;</c> value, decoded from the UTF-8 in place when it has no escapes.</summary>
    private static string ReadHash(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.String);
        if (json.HasValueSequence || json.ValueIsEscaped)
        {
            return ParseHash(json.GetString()!);
        }
        ReadOnlySpan<byte> value = json.ValueSpan;
        ReadOnlySpan<byte> hex = value.Length == 71 && Ascii.EqualsIgnoreCase(value[..7], "sha256:"u8) ? value[7..] : value;
        if (hex.Length != 64)
        {
            return ParseHash(json.GetString()!);
        }
        Span<char> lower = stackalloc char[64];
        for (int i = 0; i < 64; i++)
        {
            char c = (char)hex[i];
            if (!char.IsAsciiHexDigit(c))
            {
                return ParseHash(json.GetString()!);
            }
            lower[i] = c is >= 'A' and <= 'F' ? (char)(c + 32) : c;
        }
        return new string(lower);
    }

    private static string ParseHash(string value)
    {
        ReadOnlySpan<char> hex = value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? value.AsSpan(7) : value;
        if (hex.Length != 64 || !IsHex(hex))
        {
            throw new FormatException($"hash '{value}' is not sha256:<64 hex digits>");
        }
        return hex.ToString().ToLowerInvariant();
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static (long, long, long) ReadMetrics(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.StartObject);
        long files = 0, words = 0, size = 0;
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            string property = json.GetString()!;
            Next(ref json);
            long value = json.TokenType == JsonTokenType.Number ? json.GetInt64() : 0;
            if (json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                json.Skip();
            }
            switch (property)
            {
                case "total_files": files = value; break;
                case "total_words": words = value; break;
                case "total_size": size = value; break;
            }
        }
        return (files, words, size);
    }

    private static List<string> ReadStrings(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.StartArray);
        List<string> values = [];
        while (Next(ref json) == JsonTokenType.String)
        {
            values.Add(json.GetString()!);
        }
        Require(ref json, JsonTokenType.EndArray);
        return values;
    }

    private static List<SkippedEntry> ReadSkipped(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.StartArray);
        List<SkippedEntry> values = [];
        while (Next(ref json) == JsonTokenType.StartObject)
        {
            string path = "", reason = "";
            while (Next(ref json) == JsonTokenType.PropertyName)
            {
                string property = json.GetString()!;
                Next(ref json);
                if (property == "path") { path = ReadString(ref json); }
                else if (property == "reason") { reason = ReadString(ref json); }
                else { json.Skip(); }
            }
            values.Add(new SkippedEntry(path, reason));
        }
        return values;
    }

    /// <summary>
    /// Stored metadata the writer would have refused (<see cref="CheckpointMetadata"/>: a repeated key, a lone surrogate) is
    /// unreadable for every verb alike, verify included, rather than failing later wherever it is first read.
    /// </summary>
    private static JsonObject ReadMetadata(ref Utf8JsonReader json)
    {
        JsonObject metadata = (JsonObject)JsonNode.Parse(ref json)!;
        if (CheckpointMetadata.StoredProblem(metadata) is { } problem)
        {
            throw new FormatException($"\"metadata\" {problem}");
        }
        return metadata;
    }

    private static JsonObject SkipAndEmpty(ref Utf8JsonReader json)
    {
        json.Skip();
        return [];
    }

    private static string ReadString(ref Utf8JsonReader json)
    {
        Require(ref json, JsonTokenType.String);
        return json.GetString()!;
    }

    private static JsonTokenType Next(ref Utf8JsonReader json)
    {
        if (!json.Read())
        {
            throw new FormatException("unexpected end of file");
        }
        return json.TokenType;
    }

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        Next(ref json);
        Require(ref json, type);
    }

    private static void Require(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (json.TokenType != type)
        {
            throw new FormatException($"expected {type} but found {json.TokenType}");
        }
    }
}
