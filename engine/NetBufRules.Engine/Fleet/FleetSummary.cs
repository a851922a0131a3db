using NetBufRules.Evaluate;

namespace NetBufRules.Fleet;

/// <summary>Counts across hosts: per cause, per kernel, the worst hosts and the hosts that share a finding signature.</summary>
internal sealed class FleetSummary
{
    /// <summary>Summarises <paramref name="hosts"/> (in file order); <paramref name="refused"/> are the snapshots not read, with why.</summary>
    public FleetSummary(IReadOnlyList<HostVerdict> hosts, IReadOnlyList<(string File, string Error)>? refused = null)
    {
        Hosts = hosts;
        Refused = refused ?? [];
        Ids = [.. hosts.SelectMany(h => h.Results.Select(r => r.Id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Kernels = [.. hosts.GroupBy(h => h.Kernel, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))];
        Worst = [.. hosts.Where(h => h.AnyFired)
            .OrderByDescending(h => h.WorstFired).ThenByDescending(h => h.Results.Count(r => r.Status == FindingStatus.Fired))
            .ThenByDescending(h => h.PeakRate).ThenBy(h => h.Label, StringComparer.Ordinal)];
        Groups = [.. hosts.Where(h => h.AnyFired).GroupBy(h => h.Signature, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(h => h.Label)]))];
    }

    /// <summary>Every host, in file order.</summary>
    public IReadOnlyList<HostVerdict> Hosts { get; }

    /// <summary>
    /// The snapshots refused (too large, malformed, over the budget), in file order, with their errors: they are in no
    /// count, and one host's refusal never takes the other hosts' report with it.
    /// </summary>
    public IReadOnlyList<(string File, string Error)> Refused { get; }

    /// <summary>Every playbook id seen, sorted.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Kernel versions with how many hosts run each, most common first.</summary>
    public IReadOnlyList<(string Kernel, int Hosts)> Kernels { get; }

    /// <summary>Hosts where something fired, worst first: severity, then how many causes, then the peak rate.</summary>
    public IReadOnlyList<HostVerdict> Worst { get; }

    /// <summary>Hosts grouped by the same causes with the same kinds of culprit, largest group first.</summary>
    public IReadOnlyList<(string Signature, IReadOnlyList<string> Labels)> Groups { get; }

    /// <summary>The labels of the hosts where <paramref name="id"/> has <paramref name="status"/>.</summary>
    public IReadOnlyList<string> On(string id, FindingStatus status) =>
        [.. Hosts.Where(h => h.Results.Any(r => r.Id == id && r.Status == status)).Select(h => h.Label)];
}
