using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>The evaluator's row filters for <c>each:</c> probes, with each playbook's params as the run resolves them.</summary>
internal sealed class WhereRows(ParamOverrides overrides) : IEachRows
{
    private readonly ConditionEvaluator _evaluator = new();

    // Resolved once per playbook: a fleet asks for every host.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Playbook, IReadOnlyDictionary<string, object>> _params = new(ReferenceEqualityComparer.Instance);

    /// <inheritdoc/>
    public TableValue? Kept(Playbook playbook, ProbeSpec table, IReadOnlyDictionary<string, ProbeResult> measured) =>
        _evaluator.Kept(playbook, table, measured, _params.GetOrAdd(playbook, overrides.Resolve));
}
