namespace NetBufRules.Testing;

/// <summary>A test case's result: passed, or each expectation that failed as expected-against-actual.</summary>
internal sealed record TestOutcome(PlaybookTest Test, IReadOnlyList<string> Failures, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;
}
