namespace NetBufRules.Policy;

/// <summary>Short flags bundled in one word, <c>-{Hltn}</c>: a dash and one or more of the letters; <c>-{asz:as}</c> must include both 'a' and 's'.</summary>
internal sealed record ClusterElement(string Letters, string Required) : FormElement
{
    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        if (at >= argv.Count) yield break;
        var word = argv[at];
        if (word.Length < 2 || word[0] != '-' || word[1] == '-') yield break;
        var letters = word.AsSpan(1);
        foreach (var c in letters)
        {
            if (!Letters.Contains(c, StringComparison.Ordinal)) yield break;
        }
        if (Required.Any(r => !word.Contains(r, StringComparison.Ordinal))) yield break;
        progress.Reached(at + 1);
        yield return at + 1;
    }
}
