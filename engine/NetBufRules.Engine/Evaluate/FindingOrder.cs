using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>
/// The order in which findings are evaluated so that each sees the verdicts it reads (<c>explained_by</c> and
/// <c>fired('id')</c>), and the load-time checks of those references: a cycle is an error at its place, an id that is
/// not loaded only a warning (a team may run a subset; the finding then lists it as "not loaded").
/// </summary>
internal static partial class FindingOrder
{
    [GeneratedRegex(@"(?<![\w.])fired\s*\(\s*(?:'(?<id>[^']*)'|""(?<id>[^""]*)"")?\s*(?<rest>[^)]*)\)")]
    private static partial Regex FiredCall();

    [GeneratedRegex(@"(?<![\w.])explained\s*\(")]
    private static partial Regex ExplainedCall();

    /// <summary>Every other finding <paramref name="playbook"/> reads: its <c>explained_by</c>, then its <c>fired('id')</c> calls.</summary>
    public static IReadOnlyList<FindingReference> References(Playbook playbook)
    {
        var result = new List<FindingReference>(playbook.ExplainedBy);
        foreach (var text in Conditions(playbook))
        {
            foreach (Match call in FiredCall().Matches(text.Text))
            {
                if (call.Groups["id"].Success && call.Groups["rest"].Value.Trim().Length == 0)
                    result.Add(new FindingReference(call.Groups["id"].Value, text.AtOffset(call.Index)));
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="playbooks"/> with every finding after the findings it reads; otherwise in the given order.
    /// (A cycle is refused when the playbooks are validated; should one reach here, its members keep the given order.)
    /// </summary>
    public static IReadOnlyList<Playbook> Sort(IReadOnlyList<Playbook> playbooks)
    {
        var byId = playbooks.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var needs = new Dictionary<Playbook, List<string>>(ReferenceEqualityComparer.Instance);
        foreach (var p in playbooks)
            needs[p] = References(p).Select(r => r.Id).Where(id => id != p.Id && byId.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Playbook>(playbooks.Count);
        var pending = playbooks.ToList();
        while (pending.Count > 0)
        {
            // The first playbook (in the given order) whose needs are met; with none (a cycle), the first one.
            var next = pending.FirstOrDefault(p => needs[p].All(done.Contains)) ?? pending[0];
            pending.Remove(next);
            result.Add(next);
            done.Add(next.Id);
        }
        return result;
    }

    /// <summary>Problems of one playbook's own calls: a <c>fired()</c> without a quoted id, <c>explained()</c> without <c>explained_by</c>.</summary>
    public static IReadOnlyList<Diagnostic> CheckCalls(Playbook playbook)
    {
        var bag = new DiagnosticBag();
        foreach (var text in Conditions(playbook))
        {
            foreach (Match call in FiredCall().Matches(text.Text))
            {
                if (!call.Groups["id"].Success || call.Groups["rest"].Value.Trim().Length > 0)
                    bag.Error(text.AtOffset(call.Index), Codes.BadFindingReference, "fired() takes one playbook id in quotes",
                        "write fired('nic-drops'); the id is read when the playbooks load, so it cannot be computed");
            }
            if (playbook.ExplainedBy.Count == 0 && ExplainedCall().Match(text.Text) is { Success: true } explained)
                bag.Error(text.AtOffset(explained.Index), Codes.BadFindingReference, "explained() is used but the playbook has no 'explained_by'",
                    "add 'explained_by: [id, ...]' listing the findings that can explain this symptom");
        }
        return bag.Items;
    }

    /// <summary>
    /// Problems across playbooks, each given as its id and the findings it reads: a finding that reads itself or a cycle
    /// (errors, at the reference that closes it), and, when <paramref name="warnNotLoaded"/>, ids no loaded playbook has.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckGraph(IReadOnlyList<(string Id, IReadOnlyList<FindingReference> Reads)> nodes, bool warnNotLoaded)
    {
        var bag = new DiagnosticBag();
        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, reads) in nodes)
        {
            foreach (var reference in reads)
            {
                if (reference.Id == id)
                    bag.Error(reference.Position, Codes.FindingCycle, $"'{id}' reads its own verdict", "a finding cannot explain itself; remove the reference");
                else if (warnNotLoaded && !ids.Contains(reference.Id))
                    bag.Warning(reference.Position, Codes.FindingNotLoaded, $"'{reference.Id}' is not a loaded playbook, so it counts as not checked",
                        Load.Suggest.Hint(reference.Id, [.. ids]));
            }
        }
        foreach (var cycle in Cycles(nodes))
            bag.Error(cycle.At, Codes.FindingCycle, $"findings read each other's verdicts in a cycle: {string.Join(" -> ", cycle.Path)}",
                "one of them must not depend on the other: drop an 'explained_by' entry or a fired() call");
        return bag.Items;
    }

    /// <summary>The cross-playbook checks for loaded playbooks.</summary>
    public static IReadOnlyList<Diagnostic> CheckGraph(IReadOnlyList<Playbook> playbooks, bool warnNotLoaded) =>
        CheckGraph([.. playbooks.Select(p => (p.Id, References(p)))], warnNotLoaded);

    /// <summary>Each cycle once, at the reference that closes it.</summary>
    private static List<(SourcePosition At, IReadOnlyList<string> Path)> Cycles(IReadOnlyList<(string Id, IReadOnlyList<FindingReference> Reads)> nodes)
    {
        var edges = new Dictionary<string, List<FindingReference>>(StringComparer.Ordinal);
        foreach (var (id, reads) in nodes) edges.TryAdd(id, reads.ToList());
        foreach (var (id, list) in edges.ToList())
            edges[id] = list.Where(r => r.Id != id && edges.ContainsKey(r.Id)).DistinctBy(r => r.Id).ToList();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 finished
        var stack = new List<string>();
        var found = new List<(SourcePosition, IReadOnlyList<string>)>();
        void Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var edge in edges[id])
            {
                if (state.GetValueOrDefault(edge.Id) == 1)
                    found.Add((edge.Position, [.. stack[stack.IndexOf(edge.Id)..], edge.Id]));
                else if (state.GetValueOrDefault(edge.Id) == 0)
                    Visit(edge.Id);
            }
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }
        foreach (var id in edges.Keys.Where(id => !state.ContainsKey(id)).ToList())
            Visit(id);
        return found;
    }

    private static IEnumerable<LocatedText> Conditions(Playbook playbook) =>
        playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Condition)
            .Concat(playbook.Fixes.Select(f => f.Condition).OfType<LocatedText>())
            .Concat(playbook.Probes.Select(p => p.Where).OfType<LocatedText>());
}
