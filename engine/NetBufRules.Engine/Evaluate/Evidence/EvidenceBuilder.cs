using NetBufRules.Compile;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate.Evidence;

/// <summary>Turns the names a condition read into typed evidence: thresholds from params, measurements, counters and tables from probes.</summary>
internal static class EvidenceBuilder
{
    /// <summary>Columns that name something (a process, a port, a CPU) rather than count it: they never get a rate.</summary>
    private static readonly HashSet<string> Identifiers = new(StringComparer.Ordinal)
    {
        "pid", "ppid", "tid", "uid", "gid", "ino", "inode", "port", "lport", "rport", "ifindex", "index", "cpu", "fd", "netns", "id",
    };

    /// <summary>Adds the evidence of every name <paramref name="condition"/> read, each once.</summary>
    public static void Add(
        Dictionary<string, EvidenceItem> evidence, CompiledCondition condition, EvaluationScope scope, Playbook playbook,
        IReadOnlyDictionary<string, ProbeResult> probes, IReadOnlyDictionary<string, object> parameters, int maxRows)
    {
        var text = condition.Source.Text;
        var measured = condition.Names.Where(n => !parameters.ContainsKey(n)).ToList();
        foreach (var name in condition.Names)
        {
            var root = CompiledCondition.Root(name);
            var key = scope.TableOf(root) is not null ? root : name;
            if (evidence.ContainsKey(key)) continue;
            var item = parameters.TryGetValue(name, out var param)
                ? new Threshold(name, param, EvidenceUnits.OfParam(name, param, text, other => UnitOf(other, scope, playbook)),
                    [.. measured.Select(m => scope.TableOf(CompiledCondition.Root(m)) is not null ? CompiledCondition.Root(m) : m).Distinct(StringComparer.Ordinal)])
                : Of(key, scope, playbook, probes, maxRows);
            if (item is not null) evidence.Add(key, item);
        }
    }

    private static EvidenceUnit? UnitOf(string operand, EvaluationScope scope, Playbook playbook)
    {
        if (operand.StartsWith("rate(", StringComparison.Ordinal)) return EvidenceUnit.PerSecond;
        try
        {
            var value = scope.Resolve(operand);
            return EvidenceUnits.OfProbe(Probe(playbook, operand), operand, value);
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    private static ProbeSpec? Probe(Playbook playbook, string name) =>
        playbook.Probes.FirstOrDefault(p => p.Name == CompiledCondition.Root(name));

    private static EvidenceItem? Of(string name, EvaluationScope scope, Playbook playbook, IReadOnlyDictionary<string, ProbeResult> probes, int maxRows)
    {
        if (scope.TableOf(name) is { } table) return Table(name, table, Probe(playbook, name), maxRows);
        object value;
        try
        {
            value = scope.Resolve(name);
        }
        catch (EvaluationException)
        {
            return null;
        }
        var unit = EvidenceUnits.OfProbe(Probe(playbook, name), name, value);
        // Most names are no counters: ask without an exception (exceptions were a tenth of a fleet replay's time).
        return probes.ContainsKey(CompiledCondition.Root(name)) && value is double number
            && scope.TryCounterPart(name, rate: false, out var delta, out _) && scope.TryCounterPart(name, rate: true, out var rate, out _)
            ? new CounterEvidence(name, number, delta, Math.Round(rate, 3), unit)
            : new Measurement(name, value, unit);
    }

    private static TableEvidence Table(string name, TableValue table, ProbeSpec? probe, int maxRows)
    {
        var key = probe?.Key ?? [];
        var columns = table.Columns.Where(c => Shown(c, table.Columns, key)).ToList();
        var rows = table.Rows.Take(maxRows)
            .Select(r => (IReadOnlyDictionary<string, object>)columns.Where(r.ContainsKey).ToDictionary(c => c, c => r[c], StringComparer.Ordinal))
            .ToList();
        return new TableEvidence(name, table.Rows.Count, columns, rows);
    }

    /// <summary>A counter table's delta cells are left out (the rate says it), and so is the rate of an identifier or a key.</summary>
    private static bool Shown(string column, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        if (column.EndsWith(CounterMath.DeltaSuffix, StringComparison.Ordinal) && columns.Contains(column[..^CounterMath.DeltaSuffix.Length])) return false;
        if (!column.EndsWith(CounterMath.RateSuffix, StringComparison.Ordinal)) return true;
        var of = column[..^CounterMath.RateSuffix.Length];
        return !columns.Contains(of) || (!Identifiers.Contains(of) && !key.Contains(of));
    }
}
