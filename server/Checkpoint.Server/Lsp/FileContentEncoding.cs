using System.Text;
using System.Text.Unicode;
using Checkpoint.Core;

namespace Checkpoint.Server.Lsp;

/// <summary>
/// Puts a checkpointed file on the wire: as text when a diff editor can show it as is (valid UTF-8,
/// no NUL byte), otherwise as base64 so that no byte is lost to a lossy decode.
/// </summary>
internal static class FileContentEncoding
{
    /// <summary>The wire result for the bytes of <paramref name="content"/>.</summary>
    public static FileContentResult ToResult(FileContent content)
    {
        var bytes = content.Bytes;
        return TryDecodeText(bytes, out var text)
            ? new FileContentResult { Path = content.Path, Text = text, Size = bytes.Length }
            : new FileContentResult { Path = content.Path, Text = null, Base64 = Convert.ToBase64String(bytes), Size = bytes.Length };
    }

    private static bool TryDecodeText(byte[] bytes, out string? text)
    {
        text = null;
        if (bytes.AsSpan().Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            return false;
        }

        // A byte-order mark is content, not encoding noise: keep it so the round trip is exact.
        text = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
