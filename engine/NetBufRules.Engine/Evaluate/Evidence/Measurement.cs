using NetBufRules.Probe;

namespace NetBufRules.Evaluate.Evidence;

/// <summary>A value read from the host (a setting, a gauge, a field): a number or text, with its unit.</summary>
internal sealed record Measurement(string Name, object? Value, EvidenceUnit Unit) : EvidenceItem(Name)
{
    public override string Plain => Cell.Format(Value);
}
