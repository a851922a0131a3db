namespace NetBufRules.Report;

/// <summary>What only a long-running <c>watch</c> knows, added to its Prometheus output: held state, fire counts, windows, cost.</summary>
/// <param name="Firing">Per playbook id: fired after its hold and not yet cleared (hysteresis applied).</param>
/// <param name="Fires">Per playbook id: how many times it fired since watch started.</param>
/// <param name="Windows">Windows evaluated since watch started.</param>
/// <param name="Duration">How long probing and evaluating the last window took.</param>
internal sealed record PrometheusExtras(
    IReadOnlyDictionary<string, bool> Firing,
    IReadOnlyDictionary<string, long> Fires,
    long Windows,
    TimeSpan Duration);
