namespace NetBufRules.Policy;

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
