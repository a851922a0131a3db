using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Pipeline;

/// <summary>probe -> evaluate -> render -> report, for playbooks already loaded and validated.</summary>
internal static class DiagnosisPipeline
{
    /// <summary>Runs every playbook against <paramref name="reader"/> (the live host or a recording).</summary>
    public static async Task<DiagnosisReport> RunAsync(
        IReadOnlyList<Playbook> playbooks,
        ParamOverrides overrides,
        ISourceReader reader,
        ProbeRunOptions options,
        HostInfo host,
        CancellationToken cancellationToken = default) =>
        await RunAsync(playbooks, overrides, reader, options, host, new FindingBoard(), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// As above, starting from <paramref name="board"/> (verdicts of findings not run here, e.g. a playbook test's
    /// <c>findings:</c>). Findings run in dependency order so each sees the verdicts it reads; results keep the given order.
    /// </summary>
    public static async Task<DiagnosisReport> RunAsync(
        IReadOnlyList<Playbook> playbooks,
        ParamOverrides overrides,
        ISourceReader reader,
        ProbeRunOptions options,
        HostInfo host,
        FindingBoard board,
        CancellationToken cancellationToken = default)
    {
        ProbeRun run;
        using (var runner = new ProbeRunner(reader, options.EachRows is null ? options with { EachRows = new WhereRows(overrides) } : options))
            run = await runner.RunAsync(playbooks, cancellationToken).ConfigureAwait(false);
        var evaluator = new ConditionEvaluator();
        var renderer = new FixRenderer(options.Policy);
        var rendered = new Dictionary<Playbook, RenderedFinding>(ReferenceEqualityComparer.Instance);
        foreach (var playbook in FindingOrder.Sort(playbooks))
        {
            var result = PrivilegeDropFault.Apply(
                PlaybookFault.Contain(playbook, run.For(playbook.Id), overrides.Resolve(playbook), evaluator, renderer, board), run.For(playbook.Id));
            board.Add(FindingVerdict.Of(result.Finding, result.Status, result.Reason));
            rendered[playbook] = result;
        }
        var results = playbooks.Select(p => rendered[p]).ToList();
        return new DiagnosisReport(host, run.Window, results);
    }
}
