namespace NetBufRules.Policy;

/// <summary>Alternatives, <c>(a|b)</c>, or optional ones, <c>[a|b]</c>.</summary>
internal sealed record ChoiceElement(IReadOnlyList<FormElement> Alternatives, bool Optional) : FormElement
{
    // Most alternatives are one plain word (a flag): those are one set lookup instead of a walk each.
    private readonly HashSet<string> _words = Alternatives.Select(OnlyWord).OfType<string>().ToHashSet(StringComparer.Ordinal);
    private readonly IReadOnlyList<FormElement> _others = [.. Alternatives.Where(a => OnlyWord(a) is null)];

    private static string? OnlyWord(FormElement element) =>
        element is SequenceElement { Items: [LiteralElement literal] } ? literal.Word : null;

    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        var ends = new List<int>();
        if (Optional) ends.Add(at);
        if (at < argv.Count && _words.Contains(argv[at]))
        {
            progress.Reached(at + 1);
            ends.Add(at + 1);
        }
        foreach (var alternative in _others) ends.AddRange(alternative.Ends(argv, at, progress));
        return ends.Distinct();
    }
}
