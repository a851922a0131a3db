namespace NetBufRules.Evaluate;

/// <summary>
/// What a playbook's <c>explained_by</c> findings said: the ids that fired (they explain the symptom), the ids that were
/// checked and did not fire (ruled out), and those that could not say, each as "id (why)".
/// </summary>
internal sealed record Explanation(IReadOnlyList<string> Fired, IReadOnlyList<string> RuledOut, IReadOnlyList<string> Unchecked)
{
    /// <summary>No explaining findings at all.</summary>
    public static Explanation None { get; } = new([], [], []);

    /// <summary>Whether any explaining finding fired.</summary>
    public bool Explained => Fired.Count > 0;

    /// <summary>The explanation in words, for the evidence: "fired: a; ruled out: b, c; could not check: d (not loaded)".</summary>
    public string Describe() => string.Join("; ", new[]
    {
        Fired.Count > 0 ? "fired: " + string.Join(", ", Fired) : null,
        RuledOut.Count > 0 ? "ruled out: " + string.Join(", ", RuledOut) : null,
        Unchecked.Count > 0 ? "could not check: " + string.Join(", ", Unchecked) : null,
    }.OfType<string>());
}
