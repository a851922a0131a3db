using NetBufRules.Evaluate.Evidence;

namespace NetBufRules.Evaluate;

/// <summary>
/// The other findings' verdicts as one playbook's conditions see them, and its own <c>explained_by</c> read against
/// them. It remembers what a condition actually read (NCalc short-circuits &amp;&amp; and ||), so the evidence shows
/// the verdicts that decided something and not those a condition never reached.
/// </summary>
internal sealed class Peers(FindingBoard board, Explanation explanation)
{
    private readonly List<string> _read = [];
    private bool _explainedRead;

    public Explanation Explanation { get; } = explanation;

    /// <summary>fired('id'), remembered for the evidence.</summary>
    public bool Fired(string id)
    {
        _read.Add(id);
        return board.Fired(id);
    }

    /// <summary>explained(), remembered for the evidence.</summary>
    public bool Explained()
    {
        _explainedRead = true;
        return Explanation.Explained;
    }

    /// <summary>Moves what the last condition read into the evidence: <c>explained_by</c> in words, <c>findings.ID</c> per fired() call.</summary>
    public void TakeEvidence(Dictionary<string, EvidenceItem> evidence)
    {
        if (_explainedRead) evidence.TryAdd("explained_by", new VerdictEvidence("explained_by", Explanation.Describe()));
        foreach (var id in _read)
            evidence.TryAdd("findings." + id, new VerdictEvidence("findings." + id, board.Get(id) is { } verdict ? StatusWords.Of(verdict.Status) : "not loaded"));
        _read.Clear();
        _explainedRead = false;
    }
}
