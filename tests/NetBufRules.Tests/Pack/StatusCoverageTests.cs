using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>Every playbook reaches each of fired, advice, ok and skipped on recorded outputs.</summary>
public sealed class StatusCoverageTests
{
    [Theory]
    [InlineData("tcp-backlog", "netns-backlog", "", "fired")]
    [InlineData("tcp-backlog", "netns-healthy", "tcp-backlog.min_somaxconn=8192", "advice")]
    [InlineData("tcp-backlog", "netns-healthy", "", "ok")]
    [InlineData("socket-buffers", "netns-udp-rcvbuf", "", "fired")]
    [InlineData("socket-buffers", "netns-healthy", "", "advice")]
    [InlineData("socket-buffers", "netns-healthy", "min_rmem_max=4194304 min_wmem_max=4194304", "ok")]
    [InlineData("file-descriptors", "netns-fd-limit", "", "fired")]
    [InlineData("file-descriptors", "netns-healthy", "advise_fd_ratio=0.000001", "advice")]
    [InlineData("file-descriptors", "netns-healthy", "", "ok")]
    // A kill during sampling fires; host-oom's kill came just before sampling (past trouble: advice).
    [InlineData("memory-pressure", "red-team/netns-oom-during-sampling", "", "fired")]
    [InlineData("memory-pressure", "host-oom", "", "advice")]
    [InlineData("memory-pressure", "netns-healthy", "", "advice")]
    [InlineData("memory-pressure", "netns-healthy", "max_oom_kills=1000", "ok")]
    [InlineData("tcp-memory", "host-root", "", "advice")]
    [InlineData("tcp-memory", "host-root", "advised_wmem_default=16384 advised_wmem_max=4194304", "ok")]
    [InlineData("tcp-memory", "netns-healthy", "", "skipped")]
    [InlineData("nic-drops", "netns-qdisc", "", "fired")]
    [InlineData("nic-drops", "netns-healthy", "", "ok")]
    [InlineData("neighbour-table", "netns-neighbour-overflow", "", "fired")]
    [InlineData("neighbour-table", "netns-multicast-groups", "", "advice")]
    [InlineData("neighbour-table", "netns-healthy", "", "ok")]
    [InlineData("neighbour-table", "host-user", "", "skipped")]
    [InlineData("multicast-limits", "netns-multicast-groups", "", "fired")]
    [InlineData("multicast-limits", "netns-multicast-groups", "multicast-limits.membership_bytes=60", "advice")]
    [InlineData("multicast-limits", "netns-optmem-zerocopy", "", "ok")]
    [InlineData("multicast-limits", "netns-healthy", "", "skipped")]
    [InlineData("socket-option-memory", "netns-optmem-zerocopy", "", "fired")]
    [InlineData("socket-option-memory", "netns-optmem-zerocopy", "optmem_headroom_bytes=0", "advice")]
    [InlineData("socket-option-memory", "netns-multicast-groups", "", "ok")]
    [InlineData("socket-option-memory", "netns-healthy", "", "skipped")]
    public async Task Each_playbook_reaches_its_statuses_on_recorded_hosts(string id, string snapshot, string sets, string expected)
    {
        var overrides = new ParamOverrides();
        foreach (var set in sets.Split(' ', StringSplitOptions.RemoveEmptyEntries)) overrides.AddAssignment(set);
        var results = await Replay.Run(Replay.Load(snapshot), overrides);
        StatusWords.Of(results[id].Status).ShouldBe(expected, results[id].Reason);
    }

    [Fact]
    public async Task A_host_where_nothing_can_be_read_skips_every_playbook_with_reasons_and_none_errors()
    {
        var results = await Replay.Run(Replay.Load("netns-healthy").Without(_ => true));
        results.Values.ShouldAllBe(r => r.Status == FindingStatus.Skipped);
        results["tcp-backlog"].Reason.ShouldStartWith("could not be checked here: listen: nstat -asz --json is not in the snapshot; /proc/net/netstat is not in the snapshot");
    }

    [Fact]
    public async Task Tcp_memory_fires_above_the_pressure_threshold_and_raises_tcp_mem_without_lowering_anything()
    {
        var snapshot = Replay.Load("host-root").Replace("/proc/net/sockstat",
            "sockets: used 900\nTCP: inuse 800 orphan 0 tw 3 alloc 800 mem 400000\nUDP: inuse 0 mem 0\n");
        var finding = (await Replay.Run(snapshot))["tcp-memory"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Reason.ShouldContain("TCP uses 400000 pages (1562.5 MiB), above the pressure threshold of 383866 pages");
        finding.Fixes.Single().Content.ShouldContain("net.ipv4.tcp_mem = 287898 575799 863694");
        finding.Fixes.Single().Content.ShouldContain("net.ipv4.tcp_rmem = 4096 131072 33554432", customMessage: "the article's 87380 and 16777216 would lower this kernel's defaults");
    }

    [Fact]
    public async Task Past_softnet_drops_with_a_small_backlog_are_advice()
    {
        const string softnet = "0000080e 00000040 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";
        var finding = (await Replay.Run(Replay.Load("host-root").Replace("/proc/net/softnet_stat", softnet, softnet)))["nic-drops"];
        finding.Status.ShouldBe(FindingStatus.Advice);
        finding.Reason.ShouldContain("overflowed 64 times since boot and\nnet.core.netdev_max_backlog is 1000".Replace("\n", " ", StringComparison.Ordinal));
    }
}
