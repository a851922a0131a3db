using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Render;

namespace NetBufRules.Pipeline;

/// <summary>
/// Keeps one playbook's failure its own: a bug met while probing, evaluating or rendering it becomes that playbook's
/// <c>error</c> result, named as an internal error (never a verdict), and every other playbook still reports.
/// </summary>
internal static class PlaybookFault
{
    /// <summary>Evaluates and renders <paramref name="playbook"/>; any unexpected exception is its error result.</summary>
    public static RenderedFinding Contain(
        Playbook playbook,
        IReadOnlyDictionary<string, ProbeResult> probes,
        IReadOnlyDictionary<string, object> parameters,
        ConditionEvaluator evaluator,
        FixRenderer renderer,
        FindingBoard board)
    {
        if (probes.Values.FirstOrDefault(p => p.Fault is not null) is { } faulty)
            return Error(playbook, probes, parameters, $"internal error in probe {faulty.Name}: {faulty.Fault}");
        try
        {
            return renderer.Render(evaluator.Evaluate(playbook, probes, parameters, board));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Error(playbook, probes, parameters, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    private static RenderedFinding Error(Playbook playbook, IReadOnlyDictionary<string, ProbeResult> probes, IReadOnlyDictionary<string, object> parameters, string what)
    {
        var reason = $"{what} (a bug in netbufrules, not a verdict on this host; the other results stand; please report it)";
        var finding = new Finding(playbook, FindingStatus.Error, reason, [], [], new Dictionary<string, Evaluate.Evidence.EvidenceItem>(), parameters,
            new Dictionary<string, ProbeValue>(), probes, []);
        return new RenderedFinding(finding, FindingStatus.Error, reason, [], []);
    }
}
