namespace NetBufRules.Probe;

/// <summary>Every probe's result, by playbook id then probe name, and how long the sampling window was.</summary>
internal sealed record ProbeRun(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ProbeResult>> ByPlaybook, TimeSpan Window)
{
    /// <summary>The results of one playbook's probes.</summary>
    public IReadOnlyDictionary<string, ProbeResult> For(string playbookId) =>
        ByPlaybook.TryGetValue(playbookId, out var results) ? results : new Dictionary<string, ProbeResult>();
}
