using System.Text;

namespace NetBufRules.Tests.Support;

/// <summary>
/// What a CommonMark renderer reads as markup in one line: the line with its code spans taken out, the way the spec
/// finds them (a run of n backticks opens a span that only the next run of exactly n closes; an unclosed run is text;
/// a backslash-escaped backtick opens nothing). A check for raw HTML or links must look here, not at the whole line:
/// inside a code span '&lt;img&gt;' is text, outside it is a tag.
/// </summary>
internal static class MarkdownInline
{
    /// <summary><paramref name="line"/> without its code spans (each replaced by one space).</summary>
    public static string OutsideCodeSpans(string line)
    {
        var sb = new StringBuilder(line.Length);
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                sb.Append(line, i, 2);
                i += 2;
                continue;
            }
            if (line[i] != '`')
            {
                sb.Append(line[i++]);
                continue;
            }
            var run = Run(line, i);
            var close = i + run;
            while (close < line.Length && (line[close] != '`' || Run(line, close) != run)) close += line[close] == '`' ? Run(line, close) : 1;
            if (close >= line.Length)
            {
                // No closing run of the same length: the backticks are literal text.
                sb.Append(line, i, run);
                i += run;
                continue;
            }
            sb.Append(' ');
            i = close + run;
        }
        return sb.ToString();
    }

    private static int Run(string line, int at)
    {
        var end = at;
        while (end < line.Length && line[end] == '`') end++;
        return end - at;
    }
}
