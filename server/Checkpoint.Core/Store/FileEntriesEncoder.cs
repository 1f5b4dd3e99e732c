using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checkpoint.Core.Store;

/// <summary>
/// Encodes checkpoint.json's "files" array straight to UTF-8: one compact object per line,
/// <c>{"path":…,"size":…,"modified":…,"hash":"sha256:…","word_count":…}</c> and, when recorded, <c>"mode":"0755"</c>
/// (a file) or <c>"kind":"link"</c> (a symbolic link), inside the otherwise indented
/// document. A line per file keeps the manifest readable and grep-able at ~185 bytes per entry instead of the
/// ~227 of a fully indented object: the schema is the seed's, so on a 100k-file tree this array is most of
/// what every checkpoint costs on disk and in a no-change save. Templated bytes plus one transcode per path
/// are several times faster than a general JSON writer.
/// </summary>
internal static class FileEntriesEncoder
{
    private static readonly byte[] EntryStart = "    {\"path\":"u8.ToArray();
    private static readonly byte[] SizeStart = ",\"size\":"u8.ToArray();
    private static readonly byte[] ModifiedStart = ",\"modified\":\""u8.ToArray();
    private static readonly byte[] HashStart = "\",\"hash\":\"sha256:"u8.ToArray();
    private static readonly byte[] WordsStart = "\",\"word_count\":"u8.ToArray();
    private static readonly byte[] ModeStart = ",\"mode\":\""u8.ToArray();
    private static readonly byte[] LinkKind = ",\"kind\":\"link\""u8.ToArray();
    private static readonly byte[] EntryEnd = "}"u8.ToArray();

    public static ArrayBufferWriter<byte> Encode(List<ManifestFile> files)
    {
        ArrayBufferWriter<byte> output = new((files.Count * 192) + 16);
        if (files.Count == 0)
        {
            Append(output, "[]"u8);
            return output;
        }
        Append(output, "[\n"u8);
        for (int i = 0; i < files.Count; i++)
        {
            ManifestFile file = files[i];
            Append(output, EntryStart);
            AppendString(output, file.Path);
            Append(output, SizeStart);
            AppendNumber(output, file.Size);
            Append(output, ModifiedStart);
            AppendPlainAscii(output, file.Modified);
            Append(output, HashStart);
            AppendPlainAscii(output, file.Hash);
            Append(output, WordsStart);
            AppendNumber(output, file.WordCount);
            if (file.Mode != FileModes.NotRecorded)
            {
                Append(output, ModeStart);
                AppendPlainAscii(output, FileModes.Text(file.Mode));
                Append(output, "\""u8);
            }
            if (file.IsLink)
            {
                Append(output, LinkKind);
            }
            Append(output, EntryEnd);
            Append(output, i + 1 < files.Count ? ",\n"u8 : "\n  ]"u8);
        }
        return output;
    }

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void AppendNumber(ArrayBufferWriter<byte> output, long value)
    {
        Span<byte> span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        output.Advance(written);
    }

    // Timestamps and hex hashes we produced ourselves: ASCII with nothing to escape. Anything else (a seed
    // manifest's odd "modified") takes the general path.
    private static void AppendPlainAscii(ArrayBufferWriter<byte> output, string value)
    {
        if (!NeedsEscaping(value))
        {
            Span<byte> span = output.GetSpan(value.Length);
            int written = Encoding.ASCII.GetBytes(value, span);
            output.Advance(written);
            return;
        }
        AppendEscapedContent(output, value);
    }

    private static void AppendString(ArrayBufferWriter<byte> output, string value)
    {
        Append(output, "\""u8);
        if (!NeedsEscaping(value))
        {
            Span<byte> span = output.GetSpan(value.Length);
            output.Advance(Encoding.ASCII.GetBytes(value, span));
        }
        else
        {
            AppendEscapedContent(output, value);
        }
        Append(output, "\""u8);
    }

    private static void AppendEscapedContent(ArrayBufferWriter<byte> output, string value) =>
        Append(output, JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);

    /// <summary>True unless every character is printable ASCII other than <c>"</c> and <c>\</c>.</summary>
    private static bool NeedsEscaping(string value)
    {
        foreach (char c in value)
        {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
            {
                return true;
            }
        }
        return false;
    }
}
