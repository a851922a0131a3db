using NetBufRules.Compile;
using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;

namespace NetBufRules.Report;

/// <summary>
/// The evidence tables a finding's culprit may come from: those read by the conditions that gave its status (the
/// symptoms that held when it fired, the advice that held otherwise) or by those conditions' own messages. Evidence
/// also keeps what the conditions that did not hold read (a full sender beside the rmem_max advice), and a row there is
/// no culprit of what the reason says.
/// </summary>
internal static class CulpritTables
{
    /// <summary>The tables with rows that the held conditions (or their messages) read, in evidence order.</summary>
    public static IReadOnlyList<TableEvidence> Of(Finding finding)
    {
        var held = (finding.Status == FindingStatus.Fired ? finding.Symptoms : finding.Advice).Where(s => s.State == SignalState.True);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var whole = false;
        foreach (var signal in held.Select(s => s.Signal))
        {
            read.UnionWith(ConditionCompiler.CompileOnce(signal.Condition).Roots);
            // The held signal's own sentence names its rows too (a counter's symptom whose message lists the dropping
            // sockets): those are what it is about.
            if (signal.Message is { } message && TemplateNames.Of(message) is var names)
            {
                whole |= names.ReadsWhole;
                read.UnionWith(names.Variables);
            }
        }
        return [.. finding.Evidence.Where(e => whole || read.Contains(e.Key)).Select(e => e.Value).OfType<TableEvidence>().Where(t => t.Count > 0 && t.Rows.Count > 0)];
    }

    /// <summary>The evidence names of those tables (a fleet's culprit kinds), in evidence order.</summary>
    public static IReadOnlyList<string> Kinds(Finding finding) => [.. Of(finding).Select(t => t.Name)];
}
