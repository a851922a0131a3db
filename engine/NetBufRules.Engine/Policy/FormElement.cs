namespace NetBufRules.Policy;

/// <summary>One piece of a parsed <see cref="CommandForm"/>.</summary>
internal abstract record FormElement
{
    /// <summary>Every position this element can end at when it starts matching <paramref name="argv"/> at <paramref name="at"/>.</summary>
    public abstract IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress);
}

/// <summary>How far any attempt got: the first argument no attempt could take is the one to blame.</summary>
internal sealed class MatchProgress
{
    public int Furthest { get; private set; }

    public void Reached(int index) => Furthest = Math.Max(Furthest, index);
}

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

/// <summary>An element written with <c>...</c>: zero or more times, each time taking at least one word.</summary>
internal sealed record RepeatElement(FormElement Item) : FormElement
{
    public override IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress)
    {
        var seen = new HashSet<int> { at };
        var frontier = new Queue<int>([at]);
        while (frontier.Count > 0)
        {
            var from = frontier.Dequeue();
            foreach (var end in Item.Ends(argv, from, progress).Where(e => e > from))
            {
                if (seen.Add(end)) frontier.Enqueue(end);
            }
        }
        return seen.Order().ToList();
    }
}
