namespace NetBufRules.Policy;

/// <summary>Elements one after another.</summary>
internal sealed record SequenceElement(IReadOnlyList<FormElement> Items) : FormElement
{
    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        // An option with its value (-o <word>) fails on its first word almost always: say so without a walk.
        if (Items is [LiteralElement first, ..] && (at >= argv.Count || !string.Equals(argv[at], first.Word, StringComparison.Ordinal))) return [];
        IEnumerable<int> current = [at];
        foreach (var item in Items)
        {
            var before = current.ToList();
            current = before.SelectMany(p => item.Ends(argv, p, progress)).Distinct().ToList();
        }
        return current;
    }
}
