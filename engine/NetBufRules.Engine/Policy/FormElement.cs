namespace NetBufRules.Policy;

/// <summary>One piece of a parsed <see cref="CommandForm"/>.</summary>
internal abstract record FormElement
{
    /// <summary>Every position this element can end at when it starts matching <paramref name="argv"/> at <paramref name="at"/>.</summary>
    public abstract IEnumerable<int> Ends(IReadOnlyList<string> argv, int at, MatchProgress progress);
}
