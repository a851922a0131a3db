namespace NetBufRules.Policy;

/// <summary>A value of a kind, <c>&lt;ifname&gt;</c>, optionally glued to an option: <c>--since=&lt;time&gt;</c>.</summary>
internal sealed record ValueElement(string Prefix, string Kind) : FormElement
{
    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        if (at >= argv.Count) yield break;
        var word = argv[at];
        if (!word.StartsWith(Prefix, StringComparison.Ordinal)) yield break;
        if (!ArgumentKind.Accepts(Kind, word[Prefix.Length..], inline: Prefix.Length > 0)) yield break;
        progress.Reached(at + 1);
        yield return at + 1;
    }
}
