using System.Globalization;
using System.Text.Json;

namespace Checkpoint.Server.Rpc;

/// <summary>The id of a request: an integer or a string, compared by value.</summary>
public readonly record struct JsonRpcId
{
    private readonly long _number;
    private readonly string? _text;

    /// <summary>A numeric id.</summary>
    public JsonRpcId(long number) => _number = number;

    /// <summary>A string id.</summary>
    public JsonRpcId(string text) => _text = text;

    /// <summary>True when the id is a string.</summary>
    public bool IsString => _text is not null;

    /// <summary>
    /// Reads an id member; only integers and strings are ids (JSON-RPC discourages null and fractions,
    /// LSP forbids them).
    /// </summary>
    public static bool TryRead(JsonElement element, out JsonRpcId id)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt64(out long number):
                id = new JsonRpcId(number);
                return true;
            case JsonValueKind.String:
                id = new JsonRpcId(element.GetString()!);
                return true;
            default:
                id = default;
                return false;
        }
    }

    /// <summary>Writes the id as a JSON value.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_text is not null)
        {
            writer.WriteStringValue(_text);
        }
        else
        {
            writer.WriteNumberValue(_number);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);
}
