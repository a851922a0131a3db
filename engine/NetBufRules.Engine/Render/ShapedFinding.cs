using NetBufRules.Evaluate.Evidence;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Render;

/// <summary>
/// A finding shaped like a run's, built from the playbook alone, for lint's dry render: every probe answers with the
/// kind of value its first source's extractor gives (the same rules as Probe/Extract: a regex with <c>all</c> is a
/// table even without named groups), numbers are 1, tables have one row of every column, counters have a delta and a
/// rate, and every <c>explained_by</c> id is in every list. Rendered by the run's own renderer, so lint and run agree.
/// </summary>
internal static class ShapedFinding
{
    /// <summary>The shaped finding with <paramref name="status"/>: its conditions of that kind hold, its fixes all apply.</summary>
    public static Finding Of(Playbook playbook, FindingStatus status)
    {
        var values = new Dictionary<string, ProbeValue>(StringComparer.Ordinal);
        var probes = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
        foreach (var probe in playbook.Probes)
        {
            var value = Shape(probe);
            values[probe.Name] = value;
            probes[probe.Name] = new ProbeResult(probe.Name, ProbeStatus.Ok, value, null, null, false, []);
        }
        var parameters = playbook.Params.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var symptoms = playbook.When.Select(s => new SignalOutcome(s, status == FindingStatus.Fired ? SignalState.True : SignalState.False, null)).ToList();
        var advice = playbook.AdviseWhen.Select(s => new SignalOutcome(s, status == FindingStatus.Advice ? SignalState.True : SignalState.False, null)).ToList();
        var ids = playbook.ExplainedBy.Select(r => r.Id).ToList();
        return new Finding(playbook, status, null, symptoms, advice, new Dictionary<string, EvidenceItem>(), parameters, values, probes, playbook.Fixes)
        {
            Explanation = new Explanation(ids, ids, ids),
        };
    }

    private static ProbeValue Shape(ProbeSpec probe)
    {
        var extract = probe.Alternatives.Count > 0 ? probe.Alternatives[0].Extract : ExtractSpec.Text;
        // A probe read once per row of another gains that row's cells (EachProbe).
        var placeholders = probe.Each is null ? [] : probe.Alternatives.SelectMany(a => EachProbe.Placeholders(a.Source)).ToList();
        var (kind, names) = ExtractShape.Of(extract);
        // A probe read per row is always a table: its fields (or 'value') and the row's cells it was read with.
        if (probe.Each is not null) (kind, names) = (ExtractShapeKind.Table, [.. names ?? ["value"], .. placeholders.Except(names ?? ["value"])]);
        else if (names is not null) names = [.. names, .. placeholders.Except(names)];
        return kind switch
        {
            ExtractShapeKind.Table => Table(names ?? [], probe.Counter, probe.Gauges),
            ExtractShapeKind.Record => new RecordValue((names ?? []).Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => Number(probe.Counter && !probe.Gauges.Contains(n)), StringComparer.Ordinal)),
            _ => Number(probe.Counter),
        };
    }

    private static ScalarValue Number(bool counter) => counter ? new ScalarValue(1.0, 1.0, 1.0) : new ScalarValue(1.0);

    /// <summary>One row of every column; a counter's columns but its gauges (levels, read as they are) with a delta and a rate, as CounterMath gives them.</summary>
    private static TableValue Table(IReadOnlyList<string> names, bool counter, IReadOnlyList<string> gauges)
    {
        var row = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            row[n] = 1.0;
            if (counter && !gauges.Contains(n)) { row[n + CounterMath.DeltaSuffix] = 1.0; row[n + CounterMath.RateSuffix] = 1.0; }
        }
        return new TableValue([.. row.Keys], [row]);
    }
}
