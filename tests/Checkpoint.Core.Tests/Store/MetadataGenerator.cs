using System.Globalization;
using System.Text;

namespace Checkpoint.Core.Tests.Store;

/// <summary>One generated metadata document: its JSON text and what the generator put in it.</summary>
/// <param name="Depth">Nesting of the deepest container, the metadata object itself being 1.</param>
/// <param name="RepeatsKey">Some object has the same key twice (perhaps spelled with different escapes).</param>
/// <param name="HasLoneSurrogate">Some string or key holds an escaped UTF-16 surrogate without its partner.</param>
internal sealed record GeneratedMetadata(string Json, int Depth, bool RepeatsKey, bool HasLoneSurrogate)
{
    /// <summary>What any sane writer must accept: shallow, unique keys, well-formed strings.</summary>
    public bool Ordinary => Depth <= 16 && !RepeatsKey && !HasLoneSurrogate;

    public override string ToString() => $"depth {Depth}, repeats a key: {RepeatsKey}, lone surrogate: {HasLoneSurrogate}: " +
        (Json.Length > 400 ? Json[..400] + "…" : Json);
}

/// <summary>
/// Random, always syntactically valid JSON objects for metadata, from a seeded <see cref="Random"/>: nesting up to and
/// well past any sensible limit, strings and keys with escapes, control characters, non-ASCII text, surrogate pairs
/// (raw and escaped) and now and then a lone surrogate, numbers at the edges of double and long (1e308, 1e309, -0,
/// 5e-324, 30-digit integers), empty objects and arrays, and sometimes one key twice.
/// </summary>
internal sealed class MetadataGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private bool _repeatsKey;
    private bool _loneSurrogate;
    private int _keys;

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "0.1", "1.0", "1E+2", "1e-7", "1e308", "-1e308", "1e309", "-1e400", "5e-324", "2.2250738585072014e-308",
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "123456789012345678901234567890",
        "0.30000000000000004", "1.7976931348623157e308", "3.141592653589793238462643383279",
    ];

    // Escaped forms a JSON string may carry; each is valid JSON text.
    private static readonly string[] Escapes =
    [
        "\\n", "\\r", "\\t", "\\b", "\\f", "\\\"", "\\\\", "\\/", "\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u0085", "\\u2028",
        "\\u2029", "\\ufeff", "\\u00e9", "\\u4e2d", "\\ud83d\\ude00", "\\uFFFF",
    ];

    // Raw (unescaped) characters that JSON allows inside a string as they are.
    private static readonly string[] RawText = ["a", "Z", "7", " ", "-", "é", "中", "😀", "\u2028", "\u00a0", "'", "{", "]", ":", ",", "\u007f", "\u0085"];

    public GeneratedMetadata Next()
    {
        _repeatsKey = false;
        _loneSurrogate = false;
        int depth = _random.Next(10) switch
        {
            < 5 => _random.Next(1, 5),
            < 7 => _random.Next(5, 17),
            < 9 => _random.Next(28, 37),
            _ => _random.Next(60, 70),
        };
        StringBuilder json = new();
        WriteObject(json, depth);
        return new GeneratedMetadata(json.ToString(), depth, _repeatsKey, _loneSurrogate);
    }

    /// <summary>An object whose deepest descendant is exactly <paramref name="depth"/> levels down (itself included).</summary>
    private void WriteObject(StringBuilder json, int depth)
    {
        json.Append('{');
        List<string> keys = [];
        int members = _random.Next(depth > 1 ? 1 : 0, 4);
        int deepMember = depth > 1 ? _random.Next(members) : -1;
        for (int i = 0; i < members; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }
            string key = keys.Count > 0 && _random.Next(40) == 0 ? Repeat(keys[_random.Next(keys.Count)]) : Key();
            keys.Add(key);
            json.Append(key).Append(':');
            if (i == deepMember)
            {
                WriteContainer(json, depth - 1);
            }
            else
            {
                WriteShallowValue(json, depth > 1 ? Math.Min(2, depth - 1) : 0);
            }
        }
        json.Append('}');
    }

    private void WriteArray(StringBuilder json, int depth)
    {
        json.Append('[');
        int items = _random.Next(depth > 1 ? 1 : 0, 4);
        int deepItem = depth > 1 ? _random.Next(items) : -1;
        for (int i = 0; i < items; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }
            if (i == deepItem)
            {
                WriteContainer(json, depth - 1);
            }
            else
            {
                WriteShallowValue(json, depth > 1 ? Math.Min(2, depth - 1) : 0);
            }
        }
        json.Append(']');
    }

    private void WriteContainer(StringBuilder json, int depth)
    {
        if (_random.Next(2) == 0)
        {
            WriteObject(json, depth);
        }
        else
        {
            WriteArray(json, depth);
        }
    }

    /// <summary>A scalar, or an empty / small container that stays within <paramref name="room"/> levels.</summary>
    private void WriteShallowValue(StringBuilder json, int room)
    {
        switch (_random.Next(room > 0 ? 7 : 5))
        {
            case 0: json.Append(String()); break;
            case 1: json.Append(Number()); break;
            case 2: json.Append(_random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" }); break;
            case 3: json.Append(String()); break;
            case 4: json.Append(Number()); break;
            case 5: json.Append(_random.Next(2) == 0 ? "{}" : "[]"); break;
            default: WriteContainer(json, room); break;
        }
    }

    private string Number() => _random.Next(3) switch
    {
        0 => Numbers[_random.Next(Numbers.Length)],
        1 => _random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        _ => (_random.NextDouble() * Math.Pow(10, _random.Next(-300, 300)) * (_random.Next(2) == 0 ? 1 : -1)).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A key no other key of the document has (a counter ends it), so only <see cref="Repeat"/> repeats one.</summary>
    private string Key() => String()[..^1] + "#" + (++_keys).ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>A JSON string literal, quotes included.</summary>
    private string String()
    {
        StringBuilder text = new("\"");
        int length = _random.Next(0, 12);
        for (int i = 0; i < length; i++)
        {
            int pick = _random.Next(100);
            if (pick == 0)
            {
                // Half of a surrogate pair on its own: valid JSON text, but no valid string (the letter after it keeps
                // two of them from making a pair by chance).
                text.Append(_random.Next(2) == 0 ? "\\ud800a" : "\\udfffa");
                _loneSurrogate = true;
            }
            else if (pick < 30)
            {
                text.Append(Escapes[_random.Next(Escapes.Length)]);
            }
            else
            {
                text.Append(RawText[_random.Next(RawText.Length)]);
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>The same key again, sometimes spelled differently (an escaped first letter): the same name once unescaped.</summary>
    private string Repeat(string key)
    {
        _repeatsKey = true;
        if (key.Length > 2 && char.IsAsciiLetter(key[1]) && _random.Next(2) == 0)
        {
            return "\"\\u" + ((int)key[1]).ToString("x4", CultureInfo.InvariantCulture) + key[2..];
        }
        return key;
    }
}
