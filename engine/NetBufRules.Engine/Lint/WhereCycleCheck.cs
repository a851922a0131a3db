using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>
/// Probes whose <c>where</c> filters read each other in a cycle (NBR150): no order gives their rows, and evaluating them
/// in the written order would make the verdict depend on how the file is arranged. Reported at the name in a
/// <c>where</c> that reads the next probe of the cycle.
/// </summary>
internal static class WhereCycleCheck
{
    /// <summary>The cycle of <paramref name="playbook"/>'s filters, if any, into <paramref name="bag"/>.</summary>
    public static void Check(Playbook playbook, DiagnosticBag bag)
    {
        if (WhereOrder.Plan(playbook, ConditionCompiler.Compile).Cycle is not { } cycle) return;
        var first = playbook.Probes.First(p => p.Name == cycle[0] && p.Where is not null);
        var at = ConditionTree.Read(ConditionCompiler.Compile(first.Where!))?.Names
            .FirstOrDefault(n => CompiledCondition.Root(n.Name) == cycle[1])?.At ?? first.Where!.Start;
        bag.Error(at, Codes.WhereCycle, $"the probes' 'where' filters read each other in a cycle: {string.Join(" -> ", cycle)}",
            "a filter may read another probe's filtered rows only when that one does not read it back; drop one of the references, or compare the two tables in a condition instead");
    }
}
