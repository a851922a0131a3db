namespace NetBufRules.Policy;

/// <summary>A word that must appear as written, e.g. <c>link</c> or <c>-s</c>.</summary>
internal sealed record LiteralElement(string Word) : FormElement
{
    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        if (at < argv.Count && string.Equals(argv[at], Word, StringComparison.Ordinal))
        {
            progress.Reached(at + 1);
            yield return at + 1;
        }
    }
}
