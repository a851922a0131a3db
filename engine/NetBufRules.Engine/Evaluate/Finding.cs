using NetBufRules.Evaluate.Evidence;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>The evaluated state of one playbook: status, which conditions held, and the values that decided it.</summary>
internal sealed record Finding(
    Playbook Playbook,
    FindingStatus Status,
    string? Error,
    IReadOnlyList<SignalOutcome> Symptoms,
    IReadOnlyList<SignalOutcome> Advice,
    IReadOnlyDictionary<string, EvidenceItem> Evidence,
    IReadOnlyDictionary<string, object> Params,
    IReadOnlyDictionary<string, ProbeValue> Values,
    IReadOnlyDictionary<string, ProbeResult> Probes,
    IReadOnlyList<FixSpec> Fixes)
{
    /// <summary>What the findings in the playbook's <c>explained_by</c> said (none when it lists none).</summary>
    public Explanation Explanation { get; init; } = Explanation.None;

    /// <summary>Probes that were skipped, with why.</summary>
    public IEnumerable<ProbeResult> SkippedProbes => Probes.Values.Where(p => p.Status == ProbeStatus.Skipped);
}
