using System.Text;

namespace Checkpoint.Core.Snapshots;

/// <summary>
/// How the line-oriented outputs (the CLI's pages, CHECKPOINT_SUMMARY.md, the resume report) print names that may hold
/// any character but '/' and NUL, so that one entry is always one line and a name cannot forge another line or move a
/// terminal's cursor. The rule is git's <c>core.quotePath</c> C-quoting, with non-ASCII letters kept as they are:
/// a value without special characters is printed as is; one with any is printed in double quotes, with <c>\"</c>,
/// <c>\\</c>, <c>\a \b \t \n \v \f \r</c>, and every other control character as the octal escapes of its UTF-8 bytes
/// (<c>\001</c>, <c>\177</c>, C1 controls such as U+0085 as <c>\302\205</c>, U+2028/U+2029 as <c>\342\200\250</c>/<c>\342\200\251</c>).
/// So a printed name that starts with <c>"</c> is quoted, and any other is the name itself. JSON outputs carry the raw strings.
/// </summary>
public static class LineQuoting
{
    /// <summary><paramref name="value"/> as is, or C-quoted when it holds a control character, a double quote or a backslash.</summary>
    public static string Quote(string value)
    {
        if (!value.AsSpan().ContainsAny(Special))
        {
            return value;
        }
        StringBuilder quoted = new(value.Length + 8);
        quoted.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\').Append(c);
            }
            else
            {
                AppendChar(quoted, c);
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// Prose that names values of its own (an error message, a reason, a line of notes): its control characters escaped
    /// as <see cref="Quote"/> escapes them, without quotes around it and with its quotes and backslashes kept, so it stays one line.
    /// </summary>
    public static string EscapeControls(string text)
    {
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return text;
        }
        StringBuilder escaped = new(text.Length + 8);
        foreach (char c in text)
        {
            AppendChar(escaped, c);
        }
        return escaped.ToString();
    }

    private static void AppendChar(StringBuilder output, char c)
    {
        string? named = c switch
        {
            '\a' => "\\a",
            '\b' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\v' => "\\v",
            '\f' => "\\f",
            '\r' => "\\r",
            _ => null,
        };
        if (named is not null)
        {
            output.Append(named);
        }
        else if (IsControl(c))
        {
            Span<byte> utf8 = stackalloc byte[4];
            int length = Encoding.UTF8.GetBytes([c], utf8);
            foreach (byte b in utf8[..length])
            {
                output.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
        }
        else
        {
            output.Append(c);
        }
    }

    private static bool IsControl(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f' or '\u2028' or '\u2029';

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(AllControls());

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(AllControls() + "\"\\");

    private static string AllControls()
    {
        StringBuilder all = new();
        for (char c = '\0'; c < '\u00a0'; c++)
        {
            if (IsControl(c))
            {
                all.Append(c);
            }
        }
        return all.Append('\u2028').Append('\u2029').ToString();
    }
}
