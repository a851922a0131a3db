namespace NetBufRules.Evaluate.Evidence;

/// <summary>What another finding said, as a condition read it: <c>findings.ID</c> (its status) or <c>explained_by</c> (in words).</summary>
internal sealed record VerdictEvidence(string Name, string Text) : EvidenceItem(Name)
{
    public override string Plain => Text;

    public override bool Measured => false;
}
