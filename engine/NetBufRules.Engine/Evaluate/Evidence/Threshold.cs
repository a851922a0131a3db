using NetBufRules.Probe;

namespace NetBufRules.Evaluate.Evidence;

/// <summary>A param a measurement was compared with: its name is the param's, <see cref="ComparedWith"/> names what it judged.</summary>
internal sealed record Threshold(string Name, object Value, EvidenceUnit Unit, IReadOnlyList<string> ComparedWith) : EvidenceItem(Name)
{
    public override string Plain => Cell.Format(Value);

    public override bool Measured => false;
}
