using NetBufRules.Probe;

namespace NetBufRules.Evaluate.Evidence;

/// <summary>A kernel counter sampled twice: its value at the end of the window, how much it rose and the rate per second.</summary>
internal sealed record CounterEvidence(string Name, double Value, double Delta, double Rate, EvidenceUnit Unit) : EvidenceItem(Name)
{
    public override string Plain => Cell.Format(Value);
}
