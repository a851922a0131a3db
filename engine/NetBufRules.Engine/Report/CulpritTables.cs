using NetBufRules.Compile;
using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;

namespace NetBufRules.Report;

/// <summary>
/// The evidence tables a finding's culprit may come from: those read by the conditions that gave its status (the
/// symptoms that held when it fired, the advice that held otherwise). Evidence also keeps what the conditions that did
/// not hold read (a full sender beside the rmem_max advice), and a row there is no culprit of what the reason says.
/// </summary>
internal static class CulpritTables
{
    /// <summary>The tables with rows that the held conditions read, in evidence order.</summary>
    public static IReadOnlyList<TableEvidence> Of(Finding finding)
    {
        var held = (finding.Status == FindingStatus.Fired ? finding.Symptoms : finding.Advice).Where(s => s.State == SignalState.True);
        var read = held.SelectMany(s => ConditionCompiler.CompileOnce(s.Signal.Condition).Roots).ToHashSet(StringComparer.Ordinal);
        return [.. finding.Evidence.Where(e => read.Contains(e.Key)).Select(e => e.Value).OfType<TableEvidence>().Where(t => t.Count > 0 && t.Rows.Count > 0)];
    }
}
