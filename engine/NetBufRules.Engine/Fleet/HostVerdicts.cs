using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Render;

namespace NetBufRules.Fleet;

/// <summary>Reduces a host's rendered results to what its <see cref="HostVerdict"/> keeps.</summary>
internal static class HostVerdicts
{
    /// <summary>One playbook's verdict, reduced from its rendered result (its reason kept in <paramref name="texts"/>, when given).</summary>
    public static PlaybookVerdict Of(RenderedFinding r, VerdictTexts? texts) => new(
        Share(texts, r.Finding.Playbook.Id),
        r.Status,
        r.Finding.Playbook.Severity,
        // A fleet keeps thousands of hosts: the reasons of ok and skipped results are dropped with the report.
        r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error
            ? texts?.Add(r.Reason) ?? StoredText.Of(r.Reason)
            : StoredText.Of(""),
        // The tables the symptoms that held read (Report/CulpritTables), as the report's Culprit line: a table a condition
        // that did not hold read (a full sender beside a receive-side symptom) is no kind of culprit of this finding.
        r.Status == FindingStatus.Fired ? [.. Report.CulpritTables.Kinds(r.Finding).Order(StringComparer.Ordinal).Select(k => Share(texts, k))] : [],
        r.Status == FindingStatus.Fired ? PeakRate(r.Finding.Evidence) : 0,
        r.Fixes.Count == 0 ? [] : [.. r.Fixes.Select(f => Share(texts, f.Path))]);

    /// <summary>Repeated words (ids, kernels, paths) shared through <paramref name="texts"/>, when given.</summary>
    public static string Share(VerdictTexts? texts, string text) => texts?.Share(text) ?? text;

    /// <summary>The largest <c>rate</c> among counter evidence.</summary>
    private static double PeakRate(IReadOnlyDictionary<string, EvidenceItem> evidence) =>
        evidence.Values.OfType<CounterEvidence>().Select(c => double.IsFinite(c.Rate) ? c.Rate : 0).DefaultIfEmpty(0).Max();
}
