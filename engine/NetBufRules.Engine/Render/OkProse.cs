using System.Text.RegularExpressions;
using NetBufRules.Model;

namespace NetBufRules.Render;

/// <summary>
/// The healthy sentence of a <c>when</c> item that has no <c>ok</c> prose: the opening words of its message
/// ("the accept queue overflowed ..." gives "not seen: the accept queue overflowed"), never the condition's text,
/// which is NCalc and reads as code to someone on call.
/// </summary>
internal static partial class OkProse
{
    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    // A clause ends at a colon, semicolon, parenthesis, comma or a full stop (not the dots of net.core.somaxconn).
    [GeneratedRegex(@"[:;(,]|\.(?=\s|$)")]
    private static partial Regex ClauseBreak();

    /// <summary>The derived sentence for <paramref name="signal"/>, an item of <paramref name="playbook"/>'s <c>when</c>.</summary>
    public static string Derived(Playbook playbook, Signal signal)
    {
        if (signal.Message is { } message && Opening(message.Text) is { } opening)
            return "not seen: " + opening;
        var index = playbook.When.ToList().IndexOf(signal) + 1;
        return $"not seen: the symptom of 'when' item {index} (it has no message or ok prose to name it)";
    }

    /// <summary>The message's literal words up to its first value or clause break, when there are at least two.</summary>
    internal static string? Opening(string message)
    {
        var text = message.TrimStart();
        // A message that opens with a value ("{{ n }} allocations failed") is named by the words after it.
        while (text.StartsWith("{{", StringComparison.Ordinal) && text.IndexOf("}}", StringComparison.Ordinal) is var end and > 0)
            text = text[(end + 2)..].TrimStart();
        var cut = ClauseBreak().Match(text) is { Success: true } m ? m.Index : -1;
        var tag = text.IndexOf("{{", StringComparison.Ordinal);
        if (tag >= 0 && (cut < 0 || tag < cut)) cut = tag;
        var words = Space().Replace(Tag().Replace(cut >= 0 ? text[..cut] : text, " "), " ").Trim();
        return words.Split(' ').Length >= 2 ? words : null;
    }
}
