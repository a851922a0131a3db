using System.Text;

namespace NetBufRules.Output;

/// <summary>
/// A pack's own prose (summaries, reasons, param comments) in a Markdown page such as <c>docs</c> writes: its code
/// spans and emphasis stay, but it cannot become HTML (<c>&lt;script&gt;</c>, <c>&lt;img onerror&gt;</c>), a link
/// (<c>[x](javascript:...)</c>), or a heading or code fence that swallows the rest of the page. Packs are shared:
/// whoever wrote one does not get to write markup into the wiki of everyone who documents it.
/// </summary>
internal static class MarkdownProse
{
    /// <summary>Characters that make HTML, links or entities anywhere in a line.</summary>
    private const string Anywhere = "<>&[]";

    /// <summary><paramref name="text"/> with every line made inert at its start and HTML, links and entities escaped.</summary>
    public static string Safe(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var line in text.Split('\n'))
        {
            if (sb.Length > 0) sb.Append('\n');
            var body = line.TrimStart();
            sb.Append(line.AsSpan(0, line.Length - body.Length));
            // A heading, a block quote or a fence (``` or ~~~) at a line's start would change the page below it.
            if (body.Length > 0 && body[0] is '#' or '>' or '`' or '~' or '=' or '-' or '+' or '*' or '_') sb.Append('\\');
            foreach (var c in body)
            {
                if (Anywhere.Contains(c, StringComparison.Ordinal)) sb.Append('\\');
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
