using NetBufRules.Evaluate;
using NetBufRules.Probe;
using NetBufRules.Render;

namespace NetBufRules.Report;

/// <summary>The outcome of a run: the host, the sampling window and one rendered result per playbook.</summary>
internal sealed record DiagnosisReport(HostInfo Host, TimeSpan Window, IReadOnlyList<RenderedFinding> Results)
{
    public bool AnyFired => Results.Any(r => r.Status == FindingStatus.Fired);

    /// <summary>How many results have each status.</summary>
    public IReadOnlyDictionary<FindingStatus, int> Counts =>
        Enum.GetValues<FindingStatus>().ToDictionary(s => s, s => Results.Count(r => r.Status == s));
}
