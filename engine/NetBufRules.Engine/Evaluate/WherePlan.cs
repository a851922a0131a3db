using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>The filtered probes in the order their filters run, or (when they read each other in a cycle) that cycle.</summary>
internal sealed record WherePlan(IReadOnlyList<ProbeSpec> Order, IReadOnlyList<string>? Cycle)
{
    /// <summary>The cycle as a reader follows it: <c>a -> b -> a</c>.</summary>
    public string? CycleText => Cycle is null ? null : string.Join(" -> ", Cycle);
}
