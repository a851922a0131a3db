using System.Globalization;
using System.Text;

namespace NetBufRules.Primitives;

/// <summary>
/// Makes text from the host, a snapshot or a playbook safe for a terminal: control characters (C0, DEL, C1, so also
/// ESC sequences) and bidi overrides are written as visible escapes, so a process or host name cannot forge a
/// report line or recolour the screen. Every human output goes through here; JSON is escaped by its writer.
/// </summary>
internal static class HostText
{
    /// <summary><paramref name="text"/> on one line: every control character escaped, newlines included.</summary>
    public static string Escape(string? text) => Escape(text, keepNewlines: false);

    /// <summary>Multi-line <paramref name="text"/> (fix content, explain): newlines kept, every other control character escaped.</summary>
    public static string EscapeLines(string? text) => Escape(text, keepNewlines: true);

    /// <summary>Whether <paramref name="c"/> would be escaped.</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
        || c is '\u200e' or '\u200f' or '\u061c' or '\u2028' or '\u2029';

    private static string Escape(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsEscape(text, keepNewlines)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c) || (keepNewlines && c == '\n'))
            {
                sb.Append(c);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c <= 0xff => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string text, bool keepNewlines)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c) && !(keepNewlines && c == '\n')) return true;
        }
        return false;
    }
}
