using NetBufRules.Evaluate;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>
/// The neighbour-table, multicast-limits and socket-option-memory playbooks against the snapshots recorded while each
/// fault was induced (tests/faults/record-catalogue-snapshots.sh): each fires under its own id, the others stay
/// quiet, socket-buffers never claims it, and the fallbacks give the same verdict.
/// </summary>
public sealed class CatalogueFixtureTests
{
    [Theory]
    [InlineData("netns-neighbour-overflow", "neighbour-table")]
    [InlineData("netns-multicast-groups", "multicast-limits")]
    [InlineData("netns-multicast-sources", "multicast-limits")]
    [InlineData("netns-optmem-zerocopy", "socket-option-memory")]
    [InlineData("netns-optmem-joins", "socket-option-memory")]
    public async Task Each_recorded_catalogue_fault_fires_its_own_cause_and_socket_buffers_does_not_claim_it(string snapshot, string id)
    {
        var results = await Replay.Run(Replay.Load(snapshot));
        results[id].Status.ShouldBe(FindingStatus.Fired, results[id].Reason);
        results["socket-buffers"].Status.ShouldNotBe(FindingStatus.Fired, results["socket-buffers"].Reason);
        // Advice is allowed: neighbour-table reads the host's kernel log, which keeps earlier recordings' overflow lines.
        string[] catalogue = ["neighbour-table", "multicast-limits", "socket-option-memory"];
        foreach (var other in catalogue.Where(c => c != id))
            results[other].Status.ShouldNotBe(FindingStatus.Fired, $"{other}: {results[other].Reason}");
    }

    [Fact]
    public async Task Without_ip_the_neighbour_entries_come_from_proc_net_arp_and_still_name_the_interface()
    {
        // The host's case: table_fulls rising, mc0 holding the entries, ip missing (only /proc/net/arp, /proc/net/dev).
        const string before = "entries  allocs destroys hash_grows lookups hits res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls\n00000400 00000400 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000001\n";
        const string after = "entries  allocs destroys hash_grows lookups hits res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls\n00000400 00000400 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000005\n";
        const string arp = "IP address       HW type     Flags       HW address            Mask     Device\n10.1.0.1         0x1         0x2         02:00:00:00:00:01     *        mc0\n10.1.0.2         0x1         0x0         00:00:00:00:00:00     *        mc0\n";
        var snapshot = Replay.Load("netns-neighbour-overflow")
            .Without(s => s.Describe.StartsWith("ip ", StringComparison.Ordinal))
            .With("/proc/net/stat/arp_cache", before, after)
            .With("/proc/net/arp", arp)
            .With("/proc/sys/net/ipv4/neigh/default/gc_thresh3", "1024")
            .With("/proc/sys/net/ipv4/neigh/default/gc_thresh2", "512");
        var finding = (await Replay.Run(snapshot))["neighbour-table"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Reason.ShouldContain("refused 4 new entries during sampling");
        finding.Reason.ShouldContain("entries in this namespace by interface: mc0 2 (1 unresolved)");
        finding.Finding.Probes["neighbours"].Source.ShouldBe("/proc/net/arp");
        finding.Fixes.Single().Content.ShouldContain("net.ipv4.neigh.default.gc_thresh3 = 8192");
    }

    [Fact]
    public async Task Without_ip_the_groups_come_from_proc_net_igmp_with_the_same_verdict()
    {
        var withIp = await Replay.Run(Replay.Load("netns-multicast-groups"));
        var without = await Replay.Run(Replay.Load("netns-multicast-groups").Without(s => s.Describe.StartsWith("ip ", StringComparison.Ordinal)));
        without["multicast-limits"].Status.ShouldBe(FindingStatus.Fired);
        without["multicast-limits"].Finding.Probes["groups"].Source.ShouldBe("/proc/net/igmp");
        without["multicast-limits"].Reason.ShouldContain("20 groups are joined: on mc0 ");
        withIp["multicast-limits"].Reason.ShouldContain("20 groups are joined: on mc0 239.1.");
    }

    [Fact]
    public async Task Inside_a_namespace_the_neighbour_limits_are_named_as_the_hosts_never_an_error()
    {
        var finding = (await Replay.Run(Replay.Load("netns-neighbour-overflow")))["neighbour-table"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Notes.ShouldContain("probe gc_thresh3 skipped: net.ipv4.neigh.default.gc_thresh3 belongs to the host (it does not exist in a network namespace)");
        finding.Notes.ShouldContain("probe arp_cache skipped: /proc/net/stat/arp_cache belongs to the host (it does not exist in a network namespace)");
        finding.Fixes.ShouldBeEmpty("the host's limits are not visible here, so a file written from here could lower them");
        finding.Reason.ShouldContain("on the host, raise net.ipv4.neigh.default.gc_thresh3 to at least 8192, or twice its value");
    }
}
