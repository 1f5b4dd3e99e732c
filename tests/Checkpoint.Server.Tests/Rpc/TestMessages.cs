using System.Text.Json.Serialization;

namespace Checkpoint.Server.Tests.Rpc;

/// <summary>Params of the test's echo method.</summary>
public sealed class EchoParams
{
    /// <summary>The text to echo.</summary>
    public required string Text { get; init; }
}

/// <summary>Params of the test's "remember a value" notification.</summary>
public sealed class StoreParams
{
    /// <summary>The value.</summary>
    public required int Value { get; init; }
}

/// <summary>Serialization for the test messages, as the server declares its own.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EchoParams))]
[JsonSerializable(typeof(StoreParams))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class TestJsonContext : JsonSerializerContext;
