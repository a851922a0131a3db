using System.Globalization;
using System.Text;

namespace NetBufRules.Primitives;

/// <summary>
/// Makes text from the host, a snapshot or a playbook safe for a terminal: control characters (C0, DEL, C1, so also
/// ESC sequences), bidi overrides and every other invisible format character (zero-width space and joiners, the byte
/// order mark, the soft hyphen, word joiners, tag characters) and unpaired surrogates are written as visible escapes,
/// so a process or host name can neither forge a report line, recolour the screen nor pass for another name
/// (<c>ng\u200binx</c> is not <c>nginx</c>). Every human output goes through here; JSON is escaped by its writer.
/// </summary>
internal static class HostText
{
    /// <summary><paramref name="text"/> on one line: every control character escaped, newlines included.</summary>
    public static string Escape(string? text) => Escape(text, keepNewlines: false);

    /// <summary>Multi-line <paramref name="text"/> (fix content, explain): newlines kept, every other control character escaped.</summary>
    public static string EscapeLines(string? text) => Escape(text, keepNewlines: true);

    /// <summary>Whether <paramref name="c"/> would be escaped (a surrogate is judged with its pair: a lone one always is).</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || (c >= 0x7f && c <= 0x9f) || c is '\u2028' or '\u2029'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static string Escape(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsEscape(text, keepNewlines)) return text;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = char.ConvertToUtf32(c, text[i + 1]);
                if (CharUnicodeInfo.GetUnicodeCategory(rune) == UnicodeCategory.Format)
                    sb.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
                else sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if ((!IsUnsafe(c) && !char.IsSurrogate(c)) || (keepNewlines && c == '\n'))
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
            // Every pair is looked at again by the escaper: most are plain (an emoji), a tag character is not.
            if ((IsUnsafe(c) || char.IsSurrogate(c)) && !(keepNewlines && c == '\n')) return true;
        }
        return false;
    }
}
