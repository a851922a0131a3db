namespace NetBufRules.Evaluate;

/// <summary>The other findings' verdicts as one playbook's conditions see them, and its own <c>explained_by</c> read against them.</summary>
internal sealed class Peers(FindingBoard board, Explanation explanation)
{
    public FindingBoard Board { get; } = board;

    public Explanation Explanation { get; } = explanation;

    /// <summary>Puts the verdicts a condition read into the evidence: <c>explained_by</c> in words, <c>findings.ID</c> per fired() call.</summary>
    public void AddEvidence(CompiledCondition condition, Dictionary<string, object?> evidence)
    {
        if (condition.Functions.Contains("explained"))
            evidence.TryAdd("explained_by", Explanation.Describe());
        if (!condition.Functions.Contains("fired")) return;
        foreach (System.Text.RegularExpressions.Match call in System.Text.RegularExpressions.Regex.Matches(condition.Source.Text, @"fired\s*\(\s*['""]([^'""]*)['""]\s*\)"))
        {
            var id = call.Groups[1].Value;
            evidence.TryAdd("findings." + id, Board.Get(id) is { } verdict ? Report.StatusWords.Of(verdict.Status) : "not loaded");
        }
    }
}
