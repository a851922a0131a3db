using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Pipeline;

/// <summary>probe -> evaluate -> render -> report, for playbooks already loaded and validated.</summary>
public static class DiagnosisPipeline
{
    /// <summary>Runs every playbook against <paramref name="reader"/> (the live host or a recording).</summary>
    public static async Task<DiagnosisReport> RunAsync(
        IReadOnlyList<Playbook> playbooks,
        ParamOverrides overrides,
        ISourceReader reader,
        ProbeRunOptions options,
        HostInfo host,
        CancellationToken cancellationToken = default)
    {
        ProbeRun run;
        using (var runner = new ProbeRunner(reader, options))
            run = await runner.RunAsync(playbooks, cancellationToken).ConfigureAwait(false);
        var evaluator = new ConditionEvaluator();
        var renderer = new FixRenderer(options.Policy);
        var results = playbooks
            .Select(p => evaluator.Evaluate(p, run.For(p.Id), overrides.Resolve(p)))
            .Select(renderer.Render)
            .ToList();
        return new DiagnosisReport(host, run.Window, results);
    }
}
