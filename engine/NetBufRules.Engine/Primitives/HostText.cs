using System.Globalization;
using System.Text;

namespace NetBufRules.Primitives;

/// <summary>
/// Makes text from the host, a snapshot or a playbook safe for a terminal: control characters (C0, DEL, C1, so also
/// ESC sequences), bidi overrides and every other invisible format character (zero-width space and joiners, the byte
/// order mark, the soft hyphen, word joiners, tag characters) and unpaired surrogates are written as visible escapes,
/// so a process or host name can neither forge a report line, recolour the screen nor pass for another name
/// (<c>ng\u200binx</c> is not <c>nginx</c>). A backslash that could be read as the start of an escape (before
/// another backslash, before <c>x u U n r t</c>, or before a character shown escaped) is doubled, so the escapes are
/// unambiguous: a process named <c>\x1b[31m</c> as typed shows as <c>\\x1b[31m</c>, never as an ESC byte's escape;
/// any other backslash (<c>\d+</c> in a quoted regex) shows as it is. Every human output goes through here, and so
/// does every sentence JSON and SARIF carry for a person to read (<see cref="JsonOutput"/>).
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
            if (c == '\\')
            {
                sb.Append(StartsEscape(text, i + 1, keepNewlines) ? "\\\\" : "\\");
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

    /// <summary>The letters that follow a backslash in an escape this class writes.</summary>
    private const string EscapeLetters = "\\xuUnrt";

    /// <summary>
    /// Whether a backslash before <paramref name="at"/> would read as the start of an escape: the next character is a
    /// backslash or an escape's letter, or is itself written as an escape (which starts with a backslash).
    /// </summary>
    private static bool StartsEscape(string text, int at, bool keepNewlines)
    {
        if (at >= text.Length) return false;
        var next = text[at];
        if (EscapeLetters.Contains(next, StringComparison.Ordinal)) return true;
        if (keepNewlines && next == '\n') return false;
        if (IsUnsafe(next)) return true;
        if (!char.IsSurrogate(next)) return false;
        // A pair is escaped only when it is a format character (a tag); a lone surrogate always is.
        return !(char.IsHighSurrogate(next) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
            || CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(next, text[at + 1])) == UnicodeCategory.Format;
    }

    private static bool NeedsEscape(string text, bool keepNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Every pair is looked at again by the escaper: most are plain (an emoji), a tag character is not.
            if ((IsUnsafe(c) || char.IsSurrogate(c)) && !(keepNewlines && c == '\n')) return true;
            if (c == '\\' && StartsEscape(text, i + 1, keepNewlines)) return true;
        }
        return false;
    }
}
