using NetBufRules.Evaluate;
using NetBufRules.Fleet;

namespace NetBufRules.Output;

/// <summary>
/// The host × cause matrix of a fleet replay for the Markdown and HTML pages: one row per host, one column per cause.
/// A fleet of thousands keeps only the hosts where something needs attention, saying how many healthy ones it left out.
/// </summary>
internal sealed class FleetMatrix
{
    /// <summary>Above this many hosts, hosts with nothing fired, advised or broken are left out of the matrix.</summary>
    public const int AllHostsUpTo = 200;

    public FleetMatrix(FleetSummary fleet)
    {
        Ids = fleet.Ids;
        var all = fleet.Hosts.Count <= AllHostsUpTo;
        Hosts = [.. fleet.Hosts.Where(h => all || h.Results.Any(r => r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error))];
        LeftOut = fleet.Hosts.Count - Hosts.Count;
    }

    /// <summary>The causes, as columns.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The hosts shown, as rows, in file order.</summary>
    public IReadOnlyList<HostVerdict> Hosts { get; }

    /// <summary>How many healthy hosts a large fleet's matrix leaves out.</summary>
    public int LeftOut { get; }

    /// <summary>The status of <paramref name="id"/> on <paramref name="host"/>, or null when the host did not evaluate it.</summary>
    public static FindingStatus? Cell(HostVerdict host, string id) =>
        host.Results.FirstOrDefault(r => r.Id == id) is { } r ? r.Status : null;
}
