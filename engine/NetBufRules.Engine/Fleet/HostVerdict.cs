using NetBufRules.Evaluate;
using NetBufRules.Model;

namespace NetBufRules.Fleet;

/// <summary>What a fleet replay keeps of one host once its report is dropped: enough for the summary and the host list.</summary>
internal sealed record HostVerdict(string Label, string Hostname, string Kernel, IReadOnlyList<PlaybookVerdict> Results)
{
    /// <summary>Whether any cause fired on this host.</summary>
    public bool AnyFired => Results.Any(r => r.Status == FindingStatus.Fired);

    /// <summary>The highest severity among the causes that fired, or null.</summary>
    public Severity? WorstFired => Results.Where(r => r.Status == FindingStatus.Fired).Select(r => (Severity?)r.Severity).Max();

    /// <summary>The fastest rate among the evidence of the causes that fired (0 when none had a rate).</summary>
    public double PeakRate => Results.Where(r => r.Status == FindingStatus.Fired).Select(r => r.PeakRate).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The causes that fired, each with the kinds of culprit it named (the evidence tables that had rows), e.g.
    /// <c>tcp-backlog(full_listeners) + file-descriptors(near_limit)</c>: hosts with the same signature have the same problem.
    /// </summary>
    public string Signature => string.Join(" + ", Results.Where(r => r.Status == FindingStatus.Fired)
        .Select(r => r.CulpritKinds.Count == 0 ? r.Id : $"{r.Id}({string.Join(", ", r.CulpritKinds)})"));
}

/// <summary>One playbook's verdict on one host, without its probes and evidence.</summary>
internal sealed record PlaybookVerdict(string Id, FindingStatus Status, Severity Severity, StoredText ReasonText, IReadOnlyList<string> CulpritKinds, double PeakRate, IReadOnlyList<string> FixPaths)
{
    /// <summary>The reason (read back from the fleet's verdict file when it was stored there).</summary>
    public string Reason => ReasonText.Value;
}
