using System.Globalization;

namespace Checkpoint.Server.Rpc;

/// <summary>
/// Parses the header part of a base-protocol frame (the text before <c>\r\n\r\n</c>).
/// </summary>
/// <remarks>
/// Header names are case-insensitive; headers other than Content-Length (Content-Type, anything
/// else) are ignored. A line that is not a header is junk — typically the tail of a body whose
/// frame had no usable Content-Length — and invalidates what came before it, but when a
/// <c>Content-Length:</c> is embedded in that line the frame starting there is still read: that is
/// how the reader finds its footing again after bad input.
/// </remarks>
internal readonly record struct LspHeaderBlock(int? ContentLength, bool HadJunk, string? Problem)
{
    private const string ContentLengthName = "Content-Length";

    /// <summary>Parses <paramref name="text"/>, the header lines without the blank terminating line.</summary>
    public static LspHeaderBlock Parse(string text)
    {
        int? contentLength = null;
        string? problem = null;
        bool hadJunk = false;

        foreach (string rawLine in text.Split("\r\n"))
        {
            string line = rawLine;
            if (line.Length == 0)
            {
                continue;
            }

            if (!TrySplit(line, out string name, out string value))
            {
                hadJunk = true;
                contentLength = null;
                problem = null;
                int embedded = line.LastIndexOf(ContentLengthName + ":", StringComparison.OrdinalIgnoreCase);
                if (embedded < 0 || !TrySplit(line[embedded..], out name, out value))
                {
                    continue;
                }
            }

            if (!name.Equals(ContentLengthName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                contentLength = length;
                problem = null;
            }
            else
            {
                contentLength = null;
                problem = $"Content-Length '{Shorten(value)}' is not a non-negative integer";
            }
        }

        if (contentLength is null && problem is null)
        {
            problem = hadJunk ? "Unreadable bytes where a message header was expected" : "Missing Content-Length header";
        }

        return new LspHeaderBlock(contentLength, hadJunk, problem);
    }

    private static bool TrySplit(string line, out string name, out string value)
    {
        int colon = line.IndexOf(':');
        name = colon > 0 ? line[..colon] : string.Empty;
        value = colon > 0 ? line[(colon + 1)..].Trim() : string.Empty;
        return colon > 0 && name.All(IsTokenChar);
    }

    // RFC 7230 token characters: what a header name may contain.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
