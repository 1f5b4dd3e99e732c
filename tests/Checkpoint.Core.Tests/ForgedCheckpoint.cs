using System.Text.Json.Nodes;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests;

/// <summary>Writes checkpoint folders by hand, as a forger, an old tool or a crash would leave them.</summary>
internal static class ForgedCheckpoint
{
    /// <summary>Replaces the path of every file entry of a saved checkpoint's manifest with <paramref name="newPath"/>.</summary>
    public static void RewritePaths(TempWorkspace ws, string id, Func<string, string> newPath)
    {
        string manifestPath = Path.Combine(ws.Store, id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        foreach (JsonNode? file in manifest["files"]!.AsArray())
        {
            file!["path"] = newPath(file["path"]!.GetValue<string>());
        }
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    /// <summary>Changes the manifest's timestamp and renames its folder, as if it had been saved on <paramref name="when"/>.</summary>
    public static string Backdate(TempWorkspace ws, string id, DateTime when, string? stage = null)
    {
        string manifestPath = Path.Combine(ws.Store, id, "checkpoint.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["timestamp"] = when.ToString("yyyy-MM-dd'T'HH:mm:ss");
        if (stage is not null)
        {
            manifest["stage"] = stage;
        }
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        string name = manifest["name"]!.GetValue<string>();
        string newId = $"{name}_{when:yyyyMMdd_HHmmss}";
        Directory.Move(Path.Combine(ws.Store, id), Path.Combine(ws.Store, newId));
        return newId;
    }

    /// <summary>Where the store keeps <paramref name="content"/> (a loose object or a pack slice), or null.</summary>
    public static ContentLocation? Locate(TempWorkspace ws, string content) =>
        new ObjectStore(new StoreLayout(ws.Store)).Locate(TempWorkspace.Sha256Hex(content));

    public static bool HasContent(TempWorkspace ws, string content) => Locate(ws, content) is not null;

    /// <summary>Overwrites one stored byte of <paramref name="content"/> in place, as bit rot would.</summary>
    public static void CorruptStoredByte(TempWorkspace ws, string content, int index, byte value)
    {
        ContentLocation location = Locate(ws, content) ?? throw new InvalidOperationException("content not stored");
        using FileStream stream = new(location.Path, FileMode.Open, FileAccess.Write);
        stream.Position = location.Offset + index;
        stream.WriteByte(value);
    }

    /// <summary>
    /// Overwrites one field of the pack index entry of <paramref name="content"/> (v2 layout: SHA-256 at 0, int64 offset
    /// at 32, int32 stored length at 40, int32 content length at 44, codec byte at 48), as a bad disk or a forger would.
    /// </summary>
    /// <summary>Header and entry size of a pack index by its magic: CKPTPCK3 (what is written now: 44-byte header with the dictionary, 57-byte entries), CKPTPCK2, CKPTPCK1.</summary>
    public static (int Header, int EntryBytes) PackIndexLayout(byte[] index) => System.Text.Encoding.ASCII.GetString(index, 0, 8) switch
    {
        "CKPTPCK3" => (44, 57),
        "CKPTPCK2" => (12, 49),
        "CKPTPCK1" => (12, 48),
        var magic => throw new InvalidOperationException($"not a pack index: {magic}"),
    };

    public static void DamagePackIndexEntry(TempWorkspace ws, string content, int fieldOffset, long value)
    {
        byte[] digest = Convert.FromHexString(TempWorkspace.Sha256Hex(content));
        foreach (string index in Directory.GetFiles(Path.Combine(ws.Store, "objects", "pack"), "*.idx"))
        {
            byte[] bytes = File.ReadAllBytes(index);
            int count = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
            (int header, int entryBytes) = PackIndexLayout(bytes);
            for (int i = 0, at = header; i < count; i++, at += entryBytes)
            {
                if (!bytes.AsSpan(at, 32).SequenceEqual(digest))
                {
                    continue;
                }
                Span<byte> field = bytes.AsSpan(at + fieldOffset);
                switch (fieldOffset)
                {
                    case 32: System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(field, value); break;
                    case 48: field[0] = (byte)value; break;
                    default: System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(field, checked((int)value)); break;
                }
                File.WriteAllBytes(index, bytes);
                return;
            }
        }
        throw new InvalidOperationException("content not packed");
    }

    /// <summary>Flips one byte inside the tree object of <paramref name="folder"/> (<c>"a/b/e/"</c>) of checkpoint <paramref name="id"/>.</summary>
    public static void DamageTree(TempWorkspace ws, string id, string folder)
    {
        TreeStore trees = new(new StoreLayout(ws.Store));
        string hash = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Store, id, "checkpoint.json")))!["tree"]!.GetValue<string>()["sha256:".Length..];
        foreach (string segment in folder.TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            hash = trees.TryRead(hash, out _, out _)!.Single(e => e.Name == segment && e.Kind == TreeEntryKind.Folder).Hash;
        }
        ContentLocation location = trees.Locate(hash)!.Value;
        using FileStream stream = new(location.Path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = location.Offset + 12;
        int value = stream.ReadByte();
        stream.Position = location.Offset + 12;
        stream.WriteByte((byte)(value ^ 0x5A));
    }
}
