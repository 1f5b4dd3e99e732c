using System.Runtime.CompilerServices;

namespace Checkpoint.Core.Store;

/// <summary>
/// Lowercase hex of a hash. <see cref="Convert.ToHexStringLower(byte[])"/> is vectorised code the ReadyToRun image
/// does not carry, so a short CLI process runs it unoptimised; this table loop is precompiled with us.
/// </summary>
internal static class LowerHex
{
    [SkipLocalsInit]
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<char> digits = "0123456789abcdef";
        Span<char> chars = bytes.Length <= 64 ? stackalloc char[128] : new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
        return new string(chars[..(bytes.Length * 2)]);
    }
}
