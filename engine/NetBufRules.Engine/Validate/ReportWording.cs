using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Validate;

/// <summary>
/// Lint warnings for how a playbook reads in a report: a title that states a verdict ("... reached", "... too small")
/// reads as a problem beside "[OK]" (NBR170), and a message that writes a list straight after a colon without an
/// <c>if</c> on that list ends in "...:" with nothing after it when the list is empty (NBR171).
/// </summary>
internal static partial class ReportWording
{
    // Words that judge rather than name: the status says whether it happened, the title says what it is.
    [GeneratedRegex(@"\b(reached|exhausted|exceeded|too (small|few|low|many|large|high|slow)|overflowed|overflowing|full|dropping|failing|failed|running out|insufficient)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verdict();

    // Quoted text is a name (the error's own words: "Too many open files"), not a verdict.
    [GeneratedRegex("\"[^\"]*\"|'[^']*'")]
    private static partial Regex Quoted();

    // A colon then a tag that writes a list: {{ for x in T }} or {{ join T ... }}.
    [GeneratedRegex(@":[ \t\r\n]*\{\{-?~?\s*(?:for\s+\w+\s+in\s+(?<table>[A-Za-z_][\w.]*)|join\s+(?<table>[A-Za-z_][\w.]*))")]
    private static partial Regex ColonThenList();

    // Opening and closing block tags, to know which 'if' conditions surround a position.
    [GeneratedRegex(@"\{\{-?~?\s*(?<word>if|else if|else|for|end|while|case|capture|with)\b(?<rest>.*?)~?-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>Adds NBR170 and NBR171 warnings for <paramref name="playbook"/>.</summary>
    public static void Check(Playbook playbook, DiagnosticBag bag)
    {
        if (Verdict().Match(Quoted().Replace(playbook.Title, "")) is { Success: true } word)
            bag.Warning(playbook.TitlePosition ?? playbook.Position, Codes.TitleReadsAsVerdict,
                $"the title '{playbook.Title}' reads as a verdict ('{word.Value}'): beside [OK] it says the opposite of the status",
                "name the cause, not the outcome, e.g. 'TCP memory limits' or 'Accept-queue overflow'; the status says whether it happened");
        // A message renders only when its condition held, so a condition that reads the table (count(t) > 0) guards it;
        // an ok sentence renders when its condition did not hold, so nothing guards it but its own 'if'.
        foreach (var signal in playbook.When.Concat(playbook.AdviseWhen))
        {
            if (signal.Message is { } message) DanglingColons(message, signal.Condition.Text, bag);
            if (signal.Ok is { } ok) DanglingColons(ok, null, bag);
        }
        foreach (var fix in playbook.Fixes) DanglingColons(fix.Template, fix.Condition?.Text, bag);
    }

    private static void DanglingColons(LocatedText text, string? condition, DiagnosticBag bag)
    {
        foreach (Match m in ColonThenList().Matches(text.Text))
        {
            var table = m.Groups["table"].Value;
            var root = table.Split('.')[0];
            if (GuardingConditions(text.Text, m.Index).Append(condition ?? "").Any(c => Regex.IsMatch(c, $@"(?<![\w.]){Regex.Escape(root)}\b")))
                continue;
            bag.Warning(text.AtOffset(m.Index), Codes.DanglingColon,
                $"a colon followed by a list of '{table}': when it has no rows the sentence ends in ':' with nothing after it",
                $"put the colon and the list inside '{{{{ if {table} }}}}...{{{{ end }}}}' (an empty table is false), or say 'none' in an else");
        }
    }

    /// <summary>The conditions of the <c>if</c> blocks open at <paramref name="offset"/>.</summary>
    private static List<string> GuardingConditions(string text, int offset)
    {
        var open = new List<string>();
        foreach (Match tag in Block().Matches(text))
        {
            if (tag.Index >= offset) break;
            switch (tag.Groups["word"].Value)
            {
                case "end":
                    if (open.Count > 0) open.RemoveAt(open.Count - 1);
                    break;
                case "else":
                case "else if":
                    // An else branch is guarded by the negation: it does not protect the list.
                    if (open.Count > 0) open[^1] = "";
                    break;
                case "if":
                    open.Add(tag.Groups["rest"].Value);
                    break;
                default:
                    open.Add("");
                    break;
            }
        }
        return open;
    }
}
