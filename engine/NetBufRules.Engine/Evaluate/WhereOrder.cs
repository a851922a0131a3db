using NetBufRules.Compile;
using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>
/// The order in which a playbook's <c>where</c> filters run: a filter that reads another filtered probe runs after it,
/// so a verdict never depends on the order the probes are written in. Independent filters run by name (ordinal), so
/// even which of two broken filters is reported first does not depend on the file. A filter reading its own probe sees
/// it unfiltered; filters that read each other in a cycle cannot be ordered (refused at load, NBR150).
/// </summary>
internal static class WhereOrder
{
    /// <summary>
    /// The probes with a <c>where</c>, each after the filtered probes it reads; or the cycle that prevents it. A run
    /// compiles each condition once for the process; lint passes <see cref="ConditionCompiler.Compile"/>, so that
    /// nothing of a linted file outlives its turn.
    /// </summary>
    public static WherePlan Plan(Playbook playbook, Func<LocatedText, CompiledCondition>? compile = null)
    {
        compile ??= ConditionCompiler.CompileOnce;
        var filtered = playbook.Probes.Where(p => p.Where is not null)
            .GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.First())
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        var reads = filtered.Values.ToDictionary(p => p.Name, p => Reads(p, filtered.Keys, compile), StringComparer.Ordinal);
        if (Cycle(reads) is { } cycle) return new WherePlan([], cycle);
        var order = new List<ProbeSpec>(filtered.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = new SortedSet<string>(filtered.Keys, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.First(name => reads[name].All(done.Contains));
            pending.Remove(next);
            done.Add(next);
            order.Add(filtered[next]);
        }
        return new WherePlan(order, null);
    }

    /// <summary>The other filtered probes <paramref name="probe"/>'s <c>where</c> reads, by name, ordinal order.</summary>
    public static IReadOnlyList<string> Reads(ProbeSpec probe, IEnumerable<string> filtered, Func<LocatedText, CompiledCondition>? compile = null)
    {
        if (probe.Where is null) return [];
        var set = filtered as IReadOnlySet<string> ?? filtered.ToHashSet(StringComparer.Ordinal);
        return [.. (compile ?? ConditionCompiler.CompileOnce)(probe.Where).Roots
            .Where(root => root != probe.Name && set.Contains(root)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The first cycle found (searching from names in ordinal order), closed: <c>a, b, a</c>; or null.</summary>
    private static IReadOnlyList<string>? Cycle(IReadOnlyDictionary<string, IReadOnlyList<string>> reads)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 finished
        var stack = new List<string>();
        IReadOnlyList<string>? Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            foreach (var next in reads[name])
            {
                if (state.GetValueOrDefault(next) == 1) return [.. stack[stack.IndexOf(next)..], next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }
        foreach (var name in reads.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(name) == 0 && Visit(name) is { } cycle) return cycle;
        }
        return null;
    }
}
