using System.Text;
using NetBufRules.Primitives;

namespace NetBufRules.Output;

/// <summary>
/// Host text made inert in Markdown (CommonMark and GitHub's): control characters escaped as in the terminal, every
/// character with a Markdown meaning backslash-escaped (emphasis, links, HTML, tables; lists and headings at a line's start), and the
/// colon of <c>://</c>, the dot of <c>www.</c> and every <c>@</c> escaped so a process named like a URL or an email address
/// (<c>a@ev.il</c>, which GitHub turns into a mailto link) is less likely to become a link.
/// </summary>
internal static class MarkdownText
{
    private const string Special = "\\`*_[]<>|~&@";

    /// <summary>Characters that mean something only at the start of a line (lists, headings).</summary>
    private const string LineStart = "+-=#";

    /// <summary><paramref name="text"/> on one line, safe anywhere in a paragraph, a list item or a table cell.</summary>
    public static string Escape(string? text)
    {
        var safe = HostText.Escape(text);
        var sb = new StringBuilder(safe.Length + 8);
        for (var i = 0; i < safe.Length; i++)
        {
            var c = safe[i];
            // ':' only where it could start a link ("http://"), '.' only in "www." (GitHub's autolinks).
            if (c == ':' && i + 2 < safe.Length && safe[i + 1] == '/' && safe[i + 2] == '/') sb.Append("\\:");
            else if (Special.Contains(c, StringComparison.Ordinal) || (i == 0 && LineStart.Contains(c, StringComparison.Ordinal))) sb.Append('\\').Append(c);
            // "1." at the start of a line would begin a numbered list.
            else if (c is '.' or ')' && i > 0 && i < 10 && (i + 1 == safe.Length || safe[i + 1] == ' ') && safe[..i].All(char.IsAsciiDigit)) sb.Append('\\').Append(c);
            else if (c == '.' && i >= 3 && string.Equals(safe.Substring(i - 3, 3), "www", StringComparison.OrdinalIgnoreCase)) sb.Append("\\.");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Multi-line text as a fenced block whose fence no line of the text can close.</summary>
    public static string Fenced(string text)
    {
        var body = HostText.EscapeLines(text).TrimEnd('\n');
        var longest = 0;
        var run = 0;
        foreach (var c in body)
        {
            run = c == '~' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('~', Math.Max(3, longest + 1));
        return $"{fence}\n{body}\n{fence}\n";
    }
}
