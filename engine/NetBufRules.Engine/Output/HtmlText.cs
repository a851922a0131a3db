using System.Net;
using NetBufRules.Primitives;

namespace NetBufRules.Output;

/// <summary>Host text made inert in HTML: control and bidi characters escaped as in the terminal, then every markup character encoded.</summary>
internal static class HtmlText
{
    /// <summary><paramref name="text"/> on one line, safe as element content or a quoted attribute value.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(HostText.Escape(text));

    /// <summary>Multi-line text (a fix's content) with its newlines kept, for a <c>pre</c> element.</summary>
    public static string EscapeLines(string? text) => WebUtility.HtmlEncode(HostText.EscapeLines(text));
}
